using System;
using System.Collections.Generic;
using System.Linq;
using SecuConnect.Models;

namespace SecuConnect.Api
{
    /// <summary>The writable fields, in output order, with the aliases the cmdlets declare for pipeline binding.</summary>
    public static class ContactFields
    {
        public const string DateOfBirth = "DateOfBirth";

        public static readonly IReadOnlyList<ContactField> All = new[]
        {
            new ContactField("Forename", "contact.forename", c => c.Forename, (c, v) => c.Forename = v, "FirstName"),
            new ContactField("Surname", "contact.surname", c => c.Surname, (c, v) => c.Surname = v, "LastName"),
            new ContactField("CompanyName", "contact.companyname", c => c.CompanyName, (c, v) => c.CompanyName = v, "Company"),
            new ContactField("Salutation", "contact.salutation", c => c.Salutation, (c, v) => c.Salutation = v),
            new ContactField("Gender", "contact.gender", c => c.Gender, (c, v) => c.Gender = v),
            new ContactField("Title", "contact.title", c => c.Title, (c, v) => c.Title = v),
            new ContactField("Email", "contact.email", c => c.Email, (c, v) => c.Email = v),
            new ContactField("Phone", "contact.phone", c => c.Phone, (c, v) => c.Phone = v),
            new ContactField("Mobile", "contact.mobile", c => c.Mobile, (c, v) => c.Mobile = v),
            new ContactField("Fax", "contact.fax", c => c.Fax, (c, v) => c.Fax = v),
            new ContactField(DateOfBirth, "contact.dob", c => c.Dob, (c, v) => c.Dob = v, "Dob"),
            new ContactField("Picture", "contact.picture", c => c.Picture, (c, v) => c.Picture = v),
            new ContactField("Website", "contact.url_website", c => c.UrlWebsite, (c, v) => c.UrlWebsite = v, "url_website", "Url"),
            new ContactField("Birthplace", "contact.birthplace", c => c.Birthplace, (c, v) => c.Birthplace = v),
            new ContactField("Nationality", "contact.nationality", c => c.Nationality, (c, v) => c.Nationality = v),
            new ContactField("Street", "contact.address.street", c => c.Address?.Street, (c, v) => Address(c).Street = v),
            new ContactField("StreetNumber", "contact.address.street_number", c => c.Address?.StreetNumber, (c, v) => Address(c).StreetNumber = v, "street_number"),
            new ContactField("PostalCode", "contact.address.postal_code", c => c.Address?.PostalCode, (c, v) => Address(c).PostalCode = v, "postal_code", "Zip", "ZipCode"),
            new ContactField("City", "contact.address.city", c => c.Address?.City, (c, v) => Address(c).City = v),
            new ContactField("Country", "contact.address.country", c => c.Address?.Country, (c, v) => Address(c).Country = v),
            new ContactField("AdditionalAddressData", "contact.address.additional_address_data", c => c.Address?.AdditionalAddressData, (c, v) => Address(c).AdditionalAddressData = v, "additional_address_data"),
            new ContactField("AddressType", "contact.address.type", c => c.Address?.Type, (c, v) => Address(c).Type = v, "address_type", "Type"),
        };

        private static readonly Dictionary<string, ContactField> ByName = BuildIndex();

        public static IEnumerable<string> Names => All.Select(f => f.Name);

        /// <summary>Finds a field by its name or one of its aliases, ignoring case.</summary>
        public static ContactField Find(string name)
        {
            if (string.IsNullOrEmpty(name)) return null;
            return ByName.TryGetValue(name.Trim(), out var field) ? field : null;
        }

        private static Address Address(Contact contact) => contact.Address ?? (contact.Address = new Address());

        private static Dictionary<string, ContactField> BuildIndex()
        {
            var index = new Dictionary<string, ContactField>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in All)
            {
                index[field.Name] = field;
                foreach (var alias in field.Aliases) index[alias] = field;
            }
            return index;
        }
    }
}
