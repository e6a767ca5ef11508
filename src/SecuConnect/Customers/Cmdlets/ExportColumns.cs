using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text.RegularExpressions;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>One address block of an address book's export (Outlook's Home columns, Google's Address 1): the column of each field.</summary>
    internal sealed class AddressGroup
    {
        public AddressGroup(string source, string name, params (CustomerField Field, string Column)[] columns)
        {
            Source = source;
            Name = name;
            Columns = columns;
        }

        /// <summary>The program that writes these columns: Outlook, Google Contacts.</summary>
        public string Source { get; }

        /// <summary>The group's name in the program: Home, Business, Address 1.</summary>
        public string Name { get; }

        public IReadOnlyList<(CustomerField Field, string Column)> Columns { get; }
    }

    /// <summary>
    /// The columns of Outlook's and Google Contacts' CSV exports that name no field themselves (Business Phone,
    /// E-mail 1 - Value, Home City), declared as a table: single columns that fill a field (the first with a value
    /// wins), and address groups, of which a record takes the first with a value as a whole. Columns whose names match
    /// a field already (First Name, E-mail Address, Mobile Phone) bind without this table.
    /// </summary>
    internal static class ExportColumns
    {
        /// <summary>Columns that fill one field; for a field named twice the first column with a value wins.</summary>
        public static readonly IReadOnlyList<(CustomerField Field, string Column)> Single = new[]
        {
            (CustomerFields.Phone, "Business Phone"),
            (CustomerFields.Phone, "Home Phone"),
            (CustomerFields.Fax, "Business Fax"),
            (CustomerFields.Fax, "Home Fax"),
            (CustomerFields.DateOfBirth, "Birthday"),
            (CustomerFields.Email, "E-mail 1 - Value"),
            (CustomerFields.Email, "E-mail 2 - Value"),
            (CustomerFields.Phone, "Phone 1 - Value"),
            (CustomerFields.Phone, "Phone 2 - Value"),
            (CustomerFields.CompanyName, "Organization Name"),
            (CustomerFields.CompanyName, "Organization 1 - Name"),
        };

        /// <summary>Address groups in the order they are tried: a record's address comes from the first with a value.</summary>
        public static readonly IReadOnlyList<AddressGroup> AddressGroups = new[]
        {
            Outlook("Home"), Outlook("Business"), Outlook("Other"),
            Google(1), Google(2), Google(3),
        };

        private static AddressGroup Outlook(string name) => new AddressGroup("Outlook", name,
            (CustomerFields.Street, name + " Street"),
            (CustomerFields.AdditionalAddressData, name + " Street 2"),
            (CustomerFields.PostalCode, name + " Postal Code"),
            (CustomerFields.City, name + " City"),
            (CustomerFields.Country, name + " Country/Region"));

        private static AddressGroup Google(int n) => new AddressGroup("Google Contacts", "Address " + n,
            (CustomerFields.Street, $"Address {n} - Street"),
            (CustomerFields.AdditionalAddressData, $"Address {n} - Extended Address"),
            (CustomerFields.PostalCode, $"Address {n} - Postal Code"),
            (CustomerFields.City, $"Address {n} - City"),
            (CustomerFields.Country, $"Address {n} - Country"));

        // Every declared column by its matching key, numbered: single columns first, then the groups' columns.
        private static readonly List<(CustomerField Field, string Column, AddressGroup? Group)> Declared = Single
            .Select(c => (c.Field, c.Column, (AddressGroup?)null))
            .Concat(AddressGroups.SelectMany(g => g.Columns.Select(c => (c.Field, c.Column, (AddressGroup?)g))))
            .ToList();

        private static readonly Dictionary<string, int> ByKey = Declared
            .Select((c, i) => (Key: CustomerFields.Normalize(c.Column), Index: i))
            .ToDictionary(e => e.Key, e => e.Index, StringComparer.Ordinal);

        /// <summary>The number of declared columns: the size of a record's <see cref="Apply"/> cells.</summary>
        public static int Count => Declared.Count;

        /// <summary>The declared column a name matches (as field names match: ignoring case, spaces, hyphens), or -1.</summary>
        public static int IndexOf(string name) => ByKey.TryGetValue(CustomerFields.Normalize(name), out int i) ? i : -1;

        /// <summary>
        /// Fills the fields <paramref name="values"/> leaves empty from one record's export cells (by <see cref="IndexOf"/>):
        /// single columns, then the first address group with a value, its country as a code and, where that is
        /// certain, the house number split off its street. Returns the group used (or null); <paramref name="problem"/>
        /// says why the record cannot be sent (a country no code is known for).
        /// </summary>
        public static AddressGroup? Apply(string?[] cells, object?[] values, out string? problem)
        {
            problem = null;
            for (int i = 0; i < Single.Count; i++)
            {
                string? cell = Given(cells[i], Single[i].Field);
                if (cell != null && IsEmpty(values[Single[i].Field.Index])) values[Single[i].Field.Index] = cell;
            }
            int index = Single.Count;
            foreach (var group in AddressGroups)
            {
                var groupCells = cells.Skip(index).Take(group.Columns.Count).ToArray();
                index += group.Columns.Count;
                if (groupCells.All(c => Given(c, null) == null)) continue;
                problem = FillAddress(group, groupCells, values);
                return group;
            }
            return null;
        }

        private static string? FillAddress(AddressGroup group, string?[] cells, object?[] values)
        {
            var address = new Dictionary<CustomerField, string>();
            for (int i = 0; i < cells.Length; i++)
            {
                string? cell = Given(cells[i], null);
                if (cell != null) address[group.Columns[i].Field] = cell;
            }
            string? code = null;
            if (address.TryGetValue(CustomerFields.Country, out var country))
            {
                code = CountryNames.CodeOf(country);
                if (code == null)
                {
                    var column = group.Columns.First(c => c.Field == CustomerFields.Country).Column;
                    return $"Cannot use '{country}' (column '{column}') as the country: the API takes a two-letter code such as DE, " +
                        "and no code is known for this name. Write the code in the column (or give -Country) and run the command again for this record. No request was sent.";
                }
                address[CustomerFields.Country] = code;
            }
            if (address.TryGetValue(CustomerFields.Street, out var street) && IsEmpty(values[CustomerFields.StreetNumber.Index]) &&
                StreetSplit.TrySplit(street, CountryNames.NumberPositionOf(code), out var name, out var number))
            {
                address[CustomerFields.Street] = name;
                address[CustomerFields.StreetNumber] = number;
            }
            foreach (var entry in address)
                if (IsEmpty(values[entry.Key.Index])) values[entry.Key.Index] = entry.Value;
            return null;
        }

        /// <summary>The cell's value, or null for "not given": empty, or a date of Outlook's that means none (0/0/00).</summary>
        private static string? Given(string? cell, CustomerField? field)
        {
            if (cell == null || string.IsNullOrWhiteSpace(cell)) return null;
            // Google Contacts writes several values of one column as "a ::: b": the first is the primary one.
            int multi = cell.IndexOf(" ::: ", StringComparison.Ordinal);
            string value = (multi >= 0 ? cell.Substring(0, multi) : cell).Trim();
            if (value.Length == 0) return null;
            if (field != null && field.Kind == FieldKind.Date && IsNoDate(value)) return null;
            return value;
        }

        /// <summary>Outlook's "none" for a date: zeros only (0/0/00, 0.0.00) or its internal none date, 1/1/4501.</summary>
        private static bool IsNoDate(string value) =>
            value.All(c => c == '0' || c == '/' || c == '.' || c == '-') || value == "1/1/4501" || value == "01.01.4501";

        private static bool IsEmpty(object? value) => value == null || (value is string s && s.Length == 0);
    }

    /// <summary>
    /// Splits a house number off a street only when that is certain: the country's convention is known, and the text
    /// is a name of letters (no digits) and one number of up to five digits with at most one letter (5, 12a) on the
    /// convention's side, set off by a space (or a comma and a space). Anything else (Straße des 17. Juni 5, 12-14
    /// Main St, Route 66 without a country) stays as written.
    /// </summary>
    internal static class StreetSplit
    {
        private const string Name = @"(?<name>\p{L}[\p{L}\p{M}'’. -]*[\p{L}\p{M}.])";
        private const string Number = @"(?<number>[0-9]{1,5}\p{L}?)";
        private static readonly Regex After = new Regex("^" + Name + @",?\s+" + Number + "$", RegexOptions.CultureInvariant);
        private static readonly Regex Before = new Regex("^" + Number + @",?\s+" + Name + "$", RegexOptions.CultureInvariant);

        public static bool TrySplit(string? street, NumberPosition position, [NotNullWhen(true)] out string? name, [NotNullWhen(true)] out string? number)
        {
            name = number = null;
            if (position == NumberPosition.Unknown || street == null || string.IsNullOrWhiteSpace(street)) return false;
            var m = (position == NumberPosition.AfterStreet ? After : Before).Match(street.Trim());
            if (!m.Success) return false;
            name = m.Groups["name"].Value.Trim();
            number = m.Groups["number"].Value;
            return true;
        }
    }
}
