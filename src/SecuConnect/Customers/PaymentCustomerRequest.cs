using SecuConnect.Core;

namespace SecuConnect.Customers
{
    /// <summary>The body of a create or update: only the contact, never a server-managed field.</summary>
    internal sealed class PaymentCustomerRequest
    {
        public Contact? Contact { get; set; }

        public static PaymentCustomerRequest For(Contact contact)
        {
            var c = contact?.Clone() ?? new Contact();
            c.Name = null;
            return new PaymentCustomerRequest { Contact = c };
        }
    }
}
