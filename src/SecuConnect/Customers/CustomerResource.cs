using System.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;

[assembly: ApiResource(typeof(CustomerResource))]

namespace SecuConnect.Customers
{
    /// <summary>Customers as the request pipeline sees them: their name in messages, ids, and personal fields.</summary>
    internal static class CustomerResource
    {
        public static readonly ResourceDescriptor Descriptor = new ResourceDescriptor(
            "customer", CustomerIds.Prefix, "Get-SecuCustomer",
            // The server-computed contact name, and the table's personal fields, wherever they appear.
            new[] { CustomerFields.ContactNameWire }.Concat(CustomerFields.All.Where(f => f.IsPersonal).Select(f => f.WireName)),
            // Inside a contact every value is masked, members the module does not model included, except these.
            "contact", new[] { CustomerFields.AddressWire }.Concat(CustomerFields.All.Where(f => !f.IsPersonal).Select(f => f.WireName)));
    }
}
