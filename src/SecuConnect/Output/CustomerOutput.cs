using System;
using System.Globalization;
using System.Management.Automation;
using SecuConnect.Api;
using SecuConnect.Models;

namespace SecuConnect.Output
{
    /// <summary>
    /// Shapes a customer into the flat "SecuConnect.Customer" object: one property per writable field (so
    /// Export-Csv then Import-Csv | Set-SecuCustomer round-trips), typed dates, and the raw contact last.
    /// Built straight from the typed model: no JSON round trip, no reflection.
    /// </summary>
    internal static class CustomerOutput
    {
        public const string TypeName = "SecuConnect.Customer";

        public static PSObject ToPSObject(PaymentCustomer customer)
        {
            var contact = customer.Contact;
            var o = new PSObject();
            o.TypeNames.Insert(0, TypeName);
            var properties = o.Properties;
            properties.Add(new PSNoteProperty("Id", customer.Id), true);
            properties.Add(new PSNoteProperty("Name", contact?.Name), true);
            var fields = ContactFields.All;
            for (int i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                string raw = field.Get(contact);
                object value = raw;
                if (field.Name == ContactFields.DateOfBirth) value = DateOfBirthParser.FromWire(raw);
                properties.Add(new PSNoteProperty(field.Name, value), true);
            }
            properties.Add(new PSNoteProperty("Created", ParseTimestamp(customer.Created)), true);
            properties.Add(new PSNoteProperty("Updated", ParseTimestamp(customer.Updated)), true);
            properties.Add(new PSNoteProperty("ContractId", customer.Contract?.Id), true);
            properties.Add(new PSNoteProperty("MerchantId", customer.Merchant?.Id), true);
            properties.Add(new PSNoteProperty("Contact", contact == null ? null : RawContact(contact)), true);
            return o;
        }

        public static DateTimeOffset? ParseTimestamp(string value)
        {
            if (string.IsNullOrEmpty(value)) return null;
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var result)
                ? result
                : (DateTimeOffset?)null;
        }

        /// <summary>
        /// The contact in the API's own shape (snake_case names, in wire order, null fields left out), usable again
        /// as New-SecuCustomer -Contact.
        /// </summary>
        private static PSObject RawContact(Contact c)
        {
            var o = new PSObject();
            var p = o.Properties;
            Add(p, "name", c.Name);
            Add(p, "forename", c.Forename);
            Add(p, "surname", c.Surname);
            Add(p, "companyname", c.CompanyName);
            Add(p, "salutation", c.Salutation);
            Add(p, "gender", c.Gender);
            Add(p, "title", c.Title);
            Add(p, "email", c.Email);
            Add(p, "phone", c.Phone);
            Add(p, "mobile", c.Mobile);
            Add(p, "fax", c.Fax);
            Add(p, "dob", c.Dob);
            Add(p, "picture", c.Picture);
            Add(p, "url_website", c.UrlWebsite);
            Add(p, "birthplace", c.Birthplace);
            Add(p, "nationality", c.Nationality);
            var a = c.Address;
            if (a != null)
            {
                var address = new PSObject();
                var ap = address.Properties;
                Add(ap, "type", a.Type);
                Add(ap, "street", a.Street);
                Add(ap, "street_number", a.StreetNumber);
                Add(ap, "postal_code", a.PostalCode);
                Add(ap, "city", a.City);
                Add(ap, "country", a.Country);
                Add(ap, "additional_address_data", a.AdditionalAddressData);
                p.Add(new PSNoteProperty("address", address), true);
            }
            return o;
        }

        private static void Add(PSMemberInfoCollection<PSPropertyInfo> properties, string name, string value)
        {
            if (value != null) properties.Add(new PSNoteProperty(name, value), true);
        }
    }
}
