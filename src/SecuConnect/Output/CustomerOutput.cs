using System;
using System.Globalization;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using SecuConnect.Api;
using SecuConnect.Models;

namespace SecuConnect.Output
{
    /// <summary>
    /// Shapes a customer into the flat "SecuConnect.Customer" object: one property per writable field (so
    /// Export-Csv then Import-Csv | Set-SecuCustomer round-trips), typed dates, and the raw contact last.
    /// </summary>
    internal static class CustomerOutput
    {
        public const string TypeName = "SecuConnect.Customer";

        public static PSObject ToPSObject(PaymentCustomer customer)
        {
            var contact = customer.Contact;
            var o = new PSObject();
            o.TypeNames.Insert(0, TypeName);
            o.Properties.Add(new PSNoteProperty("Id", customer.Id));
            o.Properties.Add(new PSNoteProperty("Name", contact?.Name));
            foreach (var field in ContactFields.All)
            {
                string raw = field.Get(contact);
                object value = raw;
                if (field.Name == ContactFields.DateOfBirth) value = DateOfBirthParser.FromWire(raw);
                o.Properties.Add(new PSNoteProperty(field.Name, value));
            }
            o.Properties.Add(new PSNoteProperty("Created", ParseTimestamp(customer.Created)));
            o.Properties.Add(new PSNoteProperty("Updated", ParseTimestamp(customer.Updated)));
            o.Properties.Add(new PSNoteProperty("ContractId", customer.Contract?.Id));
            o.Properties.Add(new PSNoteProperty("MerchantId", customer.Merchant?.Id));
            o.Properties.Add(new PSNoteProperty("Contact", contact == null ? null : ToPSObject(JObject.FromObject(contact, SecuJson.Serializer))));
            return o;
        }

        public static DateTimeOffset? ParseTimestamp(string value)
        {
            if (string.IsNullOrEmpty(value)) return null;
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var result)
                ? result
                : (DateTimeOffset?)null;
        }

        /// <summary>The contact in the API's own shape (snake_case names), usable again as New-SecuCustomer -Contact.</summary>
        private static PSObject ToPSObject(JObject json)
        {
            var o = new PSObject();
            foreach (var property in json.Properties())
            {
                object value;
                switch (property.Value)
                {
                    case JObject nested:
                        value = ToPSObject(nested);
                        break;
                    case JValue v:
                        value = v.Value;
                        break;
                    default:
                        value = property.Value.ToString();
                        break;
                }
                o.Properties.Add(new PSNoteProperty(property.Name, value));
            }
            return o;
        }
    }
}
