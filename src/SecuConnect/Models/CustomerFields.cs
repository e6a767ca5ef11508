using System;
using System.Collections.Generic;
using System.Text;

namespace SecuConnect.Models
{
    /// <summary>
    /// The customer's writable fields: the one table the JSON reader and writer, the output objects, the merge of
    /// Set-SecuCustomer, input matching, Debug masking and completion all read. Adding a field is a line here, its
    /// parameter line in CustomerFieldsCmdlet, its property line on SecuConnect.Customer, and its docs; unit tests
    /// check that all of them agree.
    /// </summary>
    internal static class CustomerFields
    {
        private static readonly List<CustomerField> Table = new List<CustomerField>();

        // Aliases double as input column names (Import-Csv | New-SecuCustomer), so an alias must not be a column a real
        // export uses for something else. Audit of every alias (and bare wire name) for that risk:
        //   FirstName, GivenName, LastName, FamilyName   kept: Outlook, Google and CRM exports use them for these names
        //   Company                                      kept: the contact's company (Outlook "Company")
        //   EmailAddress, Mail                           kept: Outlook "E-mail Address"; "Mail" is email in German exports
        //   Telephone, PhoneNumber, MobilePhone          kept: phone columns; "Mobile Phone" is Outlook's
        //   Dob, BirthDate                               kept: only ever the date of birth
        //   HouseNumber, Zip, ZipCode, PostCode, Town    kept: postal address columns
        //   url_website, street_number, postal_code,
        //   additional_address_data, address_type        kept: the API's own names
        //   Url                                          dropped: in exports the link to the record itself (a self link)
        //   Type (alias and bare wire name "type")       dropped: a customer type (private, business) in exports
        // Dropped names are reported as unused columns. Field names themselves (Title: a job title in some CRMs) are
        // the API's and stay.

        // Contact members, in wire and output order.
        public static readonly CustomerField Forename = Contact("Forename", "forename", "FirstName", "GivenName");
        public static readonly CustomerField Surname = Contact("Surname", "surname", "LastName", "FamilyName");
        public static readonly CustomerField CompanyName = Contact("CompanyName", "companyname", "Company");
        public static readonly CustomerField Salutation = Contact("Salutation", "salutation", personal: false);
        public static readonly CustomerField Gender = Contact("Gender", "gender");
        public static readonly CustomerField Title = Contact("Title", "title");
        public static readonly CustomerField Email = Contact("Email", "email", "EmailAddress", "Mail");
        public static readonly CustomerField Phone = Contact("Phone", "phone", "Telephone", "PhoneNumber");
        public static readonly CustomerField Mobile = Contact("Mobile", "mobile", "MobilePhone");
        public static readonly CustomerField Fax = Contact("Fax", "fax");
        public static readonly CustomerField DateOfBirth = Contact("DateOfBirth", "dob", FieldKind.Date, "Dob", "BirthDate");
        public static readonly CustomerField Picture = Contact("Picture", "picture");
        public static readonly CustomerField Website = Contact("Website", "url_website", "url_website");
        public static readonly CustomerField Birthplace = Contact("Birthplace", "birthplace");
        public static readonly CustomerField Nationality = Contact("Nationality", "nationality");

        // Address members (contact.address), in wire and output order. Only AdditionalAddressData may hold line
        // breaks (c/o lines); every other field is a single line.
        public static readonly CustomerField Street = Address("Street", "street");
        public static readonly CustomerField StreetNumber = Address("StreetNumber", "street_number", "street_number", "HouseNumber");
        public static readonly CustomerField PostalCode = Address("PostalCode", "postal_code", "postal_code", "Zip", "ZipCode", "PostCode");
        public static readonly CustomerField City = Address("City", "city", "Town");
        public static readonly CustomerField Country = Address("Country", "country", personal: false);
        public static readonly CustomerField AdditionalAddressData =
            Add("AdditionalAddressData", "additional_address_data", true, FieldKind.Text, true, new[] { "additional_address_data" }, multiLine: true);
        public static readonly CustomerField AddressType =
            Add("AddressType", "type", true, FieldKind.Text, false, new[] { "address_type" }, wireNameIsInputName: false);

        /// <summary>Every field, in output order (contact members first, then the address's).</summary>
        public static readonly IReadOnlyList<CustomerField> All = Table.ToArray();

        public static int Count => All.Count;

        /// <summary>The server-computed contact member (forename + surname): read, shown as Name, never sent.</summary>
        public const string ContactNameWire = "name";

        /// <summary>The contact member that holds the address.</summary>
        public const string AddressWire = "address";

        private static readonly Dictionary<string, CustomerField> ByKey = BuildIndex();

        public static IEnumerable<string> Names
        {
            get { foreach (var f in All) yield return f.Name; }
        }

        /// <summary>
        /// Finds a field by name, alias or API path (forename, contact.address.city), ignoring case, spaces, hyphens,
        /// underscores and dots, so CSV headers such as "First Name", "e-mail" or "postal_code" match.
        /// </summary>
        public static CustomerField Find(string name)
        {
            if (string.IsNullOrEmpty(name)) return null;
            return ByKey.TryGetValue(Normalize(name), out var field) ? field : null;
        }

        /// <summary>A name without case, spaces, hyphens, underscores and dots: the key input names are matched by.</summary>
        public static string Normalize(string name)
        {
            var sb = new StringBuilder(name.Length);
            foreach (char ch in name)
            {
                if (ch == ' ' || ch == '-' || ch == '_' || ch == '.' || ch == '\t') continue;
                sb.Append(char.ToLowerInvariant(ch));
            }
            return sb.ToString();
        }

        /// <summary>The field with this wire name in the contact (or, with <paramref name="inAddress"/>, its address); exact case first.</summary>
        public static CustomerField FromWire(string wireName, bool inAddress)
        {
            var exact = inAddress ? AddressWireExact : ContactWireExact;
            if (exact.TryGetValue(wireName, out var field)) return field;
            return (inAddress ? AddressWireCaseless : ContactWireCaseless).TryGetValue(wireName, out field) ? field : null;
        }

        // Wire names per level, looked up for every member of every customer read: exact first, then ignoring case.
        private static readonly Dictionary<string, CustomerField> ContactWireExact = WireIndex(false, StringComparer.Ordinal);
        private static readonly Dictionary<string, CustomerField> AddressWireExact = WireIndex(true, StringComparer.Ordinal);
        private static readonly Dictionary<string, CustomerField> ContactWireCaseless = WireIndex(false, StringComparer.OrdinalIgnoreCase);
        private static readonly Dictionary<string, CustomerField> AddressWireCaseless = WireIndex(true, StringComparer.OrdinalIgnoreCase);

        private static Dictionary<string, CustomerField> WireIndex(bool inAddress, StringComparer comparer)
        {
            var index = new Dictionary<string, CustomerField>(comparer);
            foreach (var f in All)
                if (f.InAddress == inAddress) index[f.WireName] = f;
            return index;
        }

        private static CustomerField Contact(string name, string wire, params string[] aliases) =>
            Add(name, wire, false, FieldKind.Text, true, aliases);

        private static CustomerField Contact(string name, string wire, FieldKind kind, params string[] aliases) =>
            Add(name, wire, false, kind, true, aliases);

        private static CustomerField Contact(string name, string wire, bool personal) =>
            Add(name, wire, false, FieldKind.Text, personal, new string[0]);

        private static CustomerField Address(string name, string wire, params string[] aliases) =>
            Add(name, wire, true, FieldKind.Text, true, aliases);

        private static CustomerField Address(string name, string wire, bool personal, string[] aliases = null) =>
            Add(name, wire, true, FieldKind.Text, personal, aliases ?? new string[0]);

        private static CustomerField Add(string name, string wire, bool inAddress, FieldKind kind, bool personal, string[] aliases,
            bool multiLine = false, bool wireNameIsInputName = true)
        {
            var field = new CustomerField(Table.Count, name, wire, inAddress, kind, personal, aliases, multiLine, wireNameIsInputName);
            Table.Add(field);
            return field;
        }

        private static Dictionary<string, CustomerField> BuildIndex()
        {
            var index = new Dictionary<string, CustomerField>(StringComparer.Ordinal);
            foreach (var f in All)
            {
                foreach (var key in new[] { f.Name, f.WireName, f.WirePath })
                {
                    if (key == f.WireName && !f.WireNameIsInputName) continue;
                    index[Normalize(key)] = f;
                }
            }
            // Aliases last, each checked: one normalized name must never mean two fields.
            foreach (var f in All)
            {
                foreach (var alias in f.Aliases)
                {
                    string key = Normalize(alias);
                    if (index.TryGetValue(key, out var other) && other != f)
                        throw new InvalidOperationException($"The alias {alias} of {f.Name} also names {other.Name}.");
                    index[key] = f;
                }
            }
            return index;
        }
    }
}
