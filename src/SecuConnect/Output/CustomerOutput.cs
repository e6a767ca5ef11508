using System;
using System.Globalization;
using System.Management.Automation;
using SecuConnect.Api;
using SecuConnect.Models;

namespace SecuConnect.Output
{
    /// <summary>
    /// Shapes a customer model into the <see cref="SecuConnect.Customer"/> the cmdlets write, straight from the typed
    /// model: no JSON round trip, no reflection.
    /// </summary>
    internal static class CustomerOutput
    {
        public static Customer Create(PaymentCustomer customer)
        {
            var c = customer.Contact;
            var a = c?.Address;
            return new Customer(c)
            {
                Id = customer.Id,
                Name = c?.Name,
                Forename = c?.Forename,
                Surname = c?.Surname,
                CompanyName = c?.CompanyName,
                Salutation = c?.Salutation,
                Gender = c?.Gender,
                Title = c?.Title,
                Email = c?.Email,
                Phone = c?.Phone,
                Mobile = c?.Mobile,
                Fax = c?.Fax,
                DateOfBirth = DateOfBirthParser.FromWire(c?.Dob),
                Picture = c?.Picture,
                Website = c?.UrlWebsite,
                Birthplace = c?.Birthplace,
                Nationality = c?.Nationality,
                Street = a?.Street,
                StreetNumber = a?.StreetNumber,
                PostalCode = a?.PostalCode,
                City = a?.City,
                Country = a?.Country,
                AdditionalAddressData = a?.AdditionalAddressData,
                AddressType = a?.Type,
                Created = ParseTimestamp(customer.Created),
                Updated = ParseTimestamp(customer.Updated),
                ContractId = customer.Contract?.Id,
                MerchantId = customer.Merchant?.Id,
            };
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
        internal static PSObject RawContact(Contact c)
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
