using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Shapes a customer model into the <see cref="SecuConnect.Customer"/> the cmdlets write, straight from the typed
    /// model and the field table: no JSON round trip, no reflection.
    /// </summary>
    internal static class CustomerOutput
    {
        /// <summary>The type name of the raw contact; a -Contact object of this type may carry members the module does not model.</summary>
        public const string ContactTypeName = "SecuConnect.Contact";

        /// <summary>The type name of the objects a -Property listing writes: only the fetched properties.</summary>
        public const string PartialTypeName = "SecuConnect.PartialCustomer";

        public static Customer Create(PaymentCustomer customer)
        {
            var c = customer.Contact;
            var fields = new object?[CustomerFields.Count];
            if (c != null)
            {
                foreach (var field in CustomerFields.All) fields[field.Index] = ToOutput(field, c[field]);
            }
            return new Customer(fields, c)
            {
                Id = customer.Id,
                Name = c?.Name,
                Created = Timestamps.Shown(customer.Created),
                Updated = Timestamps.Shown(customer.Updated),
                ContractId = customer.Contract?.Id,
                MerchantId = customer.Merchant?.Id,
                AdditionalProperties = customer.Unknown == null ? null : PowerShellJson.ToPowerShell(customer.Unknown),
            };
        }

        /// <summary>
        /// A customer from a -Property listing: the id and only the properties the listing fetched, under a type name of
        /// its own, so an exported and edited file never turns the fields it did not fetch into clears.
        /// </summary>
        public static PSObject CreatePartial(PaymentCustomer customer, IReadOnlyList<string> properties)
        {
            var full = Create(customer);
            var source = PSObject.AsPSObject(full);
            var o = new PSObject();
            o.TypeNames.Insert(0, PartialTypeName);
            o.Properties.Add(new PSNoteProperty("Id", full.Id));
            foreach (var name in properties)
            {
                if (string.Equals(name, "Id", StringComparison.OrdinalIgnoreCase) || o.Properties[name] != null) continue;
                var p = source.Properties[name];
                o.Properties.Add(new PSNoteProperty(p?.Name ?? name, p?.Value ?? UnknownPath(customer, name)));
            }
            return o;
        }

        /// <summary>The value the output object shows for a wire value: text as is, dates as yyyy-MM-dd.</summary>
        public static object? ToOutput(CustomerField field, string? wire)
        {
            if (wire == null || field.Kind != FieldKind.Date) return wire;
            var date = DateOfBirthParser.FromWire(wire);
            return date.HasValue ? DateOfBirthParser.ToWire(date.Value) : wire;
        }

        /// <summary>
        /// The contact in the API's own shape (snake_case names, in wire order, null fields left out, members the
        /// module does not model included), usable again as New-SecuCustomer -Contact.
        /// </summary>
        internal static PSObject RawContact(Contact c)
        {
            var o = new PSObject();
            o.TypeNames.Insert(0, ContactTypeName);
            var p = o.Properties;
            foreach (var field in CustomerFields.All)
                if (!field.InAddress) Add(p, field, c);
            AddUnknown(p, c.Unknown);
            if (c.HasAddress)
            {
                var address = new PSObject();
                foreach (var field in CustomerFields.All)
                    if (field.InAddress) Add(address.Properties, field, c);
                AddUnknown(address.Properties, c.UnknownInAddress);
                p.Add(new PSNoteProperty(CustomerFields.AddressWire, address), true);
            }
            else if (c.KeptAddress != null) p.Add(new PSNoteProperty(CustomerFields.AddressWire, PowerShellJson.ToPowerShell(c.KeptAddress.Token)), true);
            return o;
        }

        /// <summary>A field in the raw contact: its text, or a value kept in another JSON type in that type (an object as an object).</summary>
        private static void Add(PSMemberInfoCollection<PSPropertyInfo> properties, CustomerField field, Contact c)
        {
            string? value = c[field];
            if (value == null) return;
            object? shown = c.Kept(field) is KeptToken kept ? PowerShellJson.ToPowerShell(kept.Token) : value;
            properties.Add(new PSNoteProperty(field.WireName, shown), true);
        }

        private static void AddUnknown(PSMemberInfoCollection<PSPropertyInfo> properties, JObject? members)
        {
            if (members == null) return;
            foreach (var m in members.Properties()) properties.Add(new PSNoteProperty(m.Name, PowerShellJson.ToPowerShell(m.Value)), true);
        }

        /// <summary>A -Property path the module does not model, read from the members it kept (contact.x or a top-level x).</summary>
        private static object? UnknownPath(PaymentCustomer customer, string path)
        {
            string[] parts = path.Split('.');
            JToken? token = null;
            if (parts.Length == 1) token = customer.Unknown?[parts[0]];
            else if (parts.Length == 2 && parts[0] == "contact") token = customer.Contact?.Unknown?[parts[1]];
            else if (parts.Length == 3 && parts[0] == "contact" && parts[1] == CustomerFields.AddressWire) token = customer.Contact?.UnknownInAddress?[parts[2]];
            return PowerShellJson.ToPowerShell(token);
        }
    }
}
