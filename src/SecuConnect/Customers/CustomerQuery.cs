using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Customers
{
    /// <summary>The customers' names for -Filter, -Sort and -Property: the field table plus the properties outside the contact.</summary>
    internal sealed class CustomerQuery : IQueryFields
    {
        /// <summary>The query translator of Get-SecuCustomer and the field name completer.</summary>
        public static readonly QueryTranslator Translator = new QueryTranslator(new CustomerQuery());

        // Output properties that are not contact fields, with their API paths.
        private static readonly Dictionary<string, string> OtherNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = "id", ["name"] = "contact.name", ["created"] = "created", ["updated"] = "updated",
            ["contractid"] = "contract.id", ["merchantid"] = "merchant.id",
        };

        private static readonly string[] OtherDisplayNames = { "Id", "Name", "Created", "Updated", "ContractId", "MerchantId" };

        public IEnumerable<string> Names => OtherDisplayNames.Take(2).Concat(CustomerFields.Names).Concat(OtherDisplayNames.Skip(2));

        public string Description => "a customer property";

        public string ExamplePath => "contact.address.city";

        public string? PathOf(string name)
        {
            var field = CustomerFields.Find(name);
            if (field != null) return field.WirePath;
            return OtherNames.TryGetValue(CustomerFields.Normalize(name), out var path) ? path : null;
        }

        /// <summary>
        /// A date of birth as users read it (1970-01-11, or a date in the current culture): the day it names. An
        /// ambiguous date (02/03/1901) is refused rather than guessed.
        /// </summary>
        public string? ExactDay(string path, string value)
        {
            if (path != CustomerFields.DateOfBirth.WirePath) return null;
            switch (DateOfBirthParser.Read(value, CultureInfo.CurrentCulture, out var date, out var other))
            {
                case DateReading.Exact:
                    return DateOfBirthParser.ToWire(date);
                case DateReading.Ambiguous:
                    throw new ArgumentException($"Cannot filter on the date '{value}': it reads as {DateOfBirthParser.ToWire(date)} or as " +
                        $"{DateOfBirthParser.ToWire(other)}, depending on the culture. Write it as yyyy-MM-dd.");
                default:
                    return null;
            }
        }
    }
}
