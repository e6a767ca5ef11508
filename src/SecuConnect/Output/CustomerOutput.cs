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
            foreach (var field in ModelJson.ContactWire) Add(p, field.Name, field.Get(c));
            var a = c.Address;
            if (a != null)
            {
                var address = new PSObject();
                foreach (var field in ModelJson.AddressWire) Add(address.Properties, field.Name, field.Get(a));
                p.Add(new PSNoteProperty(ModelJson.AddressName, address), true);
            }
            return o;
        }

        private static void Add(PSMemberInfoCollection<PSPropertyInfo> properties, string name, string value)
        {
            if (value != null) properties.Add(new PSNoteProperty(name, value), true);
        }
    }
}
