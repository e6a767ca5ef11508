using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// What one record gives for the properties the API computes or sets (Name, Id, Created, Updated, ContractId,
    /// MerchantId): never sent. The module's own export columns pass quietly; a value that asks for a change the
    /// module cannot send is reported, so nothing a user gives is ignored without a word.
    /// </summary>
    internal sealed partial class ReadOnlyInput
    {
        // Input names (normalized as field names are) of the properties the module writes but never sends: the output
        // properties of Customers/CustomerFields.table, with their other names there ("Full Name" for Name).
        private static readonly Dictionary<string, string> Canonical = InputNames();

        // Created on the first value: most records (a plain CSV of fields) give none.
        private Dictionary<string, object>? _values;

        // The user's culture, taken on the pipeline thread: Set compares on a worker, whose culture is not the user's.
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

        /// <summary>The output property an input name stands for (Id, Name for "Full Name", ...), or null when it is none.</summary>
        public static string? CanonicalName(string name) =>
            Canonical.TryGetValue(CustomerFields.Normalize(name), out var canonical) ? canonical : null;

        /// <summary>Keeps a value the record gives; empty and whitespace-only values count as not given.</summary>
        public void Add(string canonical, object? value)
        {
            value = InputValues.Unwrap(value);
            if (value == null || (value is string s && string.IsNullOrWhiteSpace(s))) return;
            if (_values == null) _values = new Dictionary<string, object>(StringComparer.Ordinal);
            if (!_values.ContainsKey(canonical)) _values[canonical] = value;
        }

        public bool IsEmpty => _values == null;

        /// <summary>The property names this record gave, in output order, for the one Verbose line of a run.</summary>
        public IEnumerable<string> Names => OutputOnly.Where(n => _values != null && _values.ContainsKey(n));

        /// <summary>" Its Name, Created are set by the API ..." for a record that gives only such values, else "".</summary>
        public string NotSentNote()
        {
            var given = Names.Where(n => n != "Id").ToArray();
            if (given.Length == 0) return "";
            return $" Its {string.Join(", ", given)} {(given.Length == 1 ? "is" : "are")} set by the API and never sent" +
                (given.Contains("Name") ? ": to rename, set -Forename and -Surname." : ".");
        }

        private string? Text(string canonical) =>
            Value(canonical) is object v ? InputValues.ToText(v)?.Trim() : null;

        private object? Value(string canonical) => _values != null && _values.TryGetValue(canonical, out var v) ? v : null;

        /// <summary>
        /// New: the NameNotSplit error when the record's only name is a Name (or Full Name) column, which the module
        /// does not split into forename and surname; else null.
        /// </summary>
        public ErrorRecord? NameNotSplit(Contact contact, object target)
        {
            if (Text("Name") == null || HasNameField(contact)) return null;
            const string message = "This record gives its name only as a Name (or Full Name) column. The API computes Name from Forename and " +
                "Surname and the module does not guess how to split a name: give Forename and Surname columns (or CompanyName). No request was sent.";
            return new ErrorRecord(new ArgumentException(message), ErrorIds.NameNotSplit, ErrorCategory.InvalidData, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Split the name into Forename and Surname columns, then create this record again." },
            };
        }

        /// <summary>New: true when the record's Name says something else than the name the API will compute (it is not sent).</summary>
        public bool NameDiffers(Contact contact)
        {
            string? name = Text("Name");
            return name != null && !MatchesContact(name, contact);
        }

        /// <summary>
        /// Set: one warning per value that asks for a change the module cannot send, compared with the customer as
        /// stored (<paramref name="current"/>) and the contact about to be sent (<paramref name="sent"/>). Updated is
        /// the conflict check's: only a value that is no timestamp at all is reported here.
        /// </summary>
        public IEnumerable<string> SetWarnings(string id, PaymentCustomer current, Contact? sent)
        {
            if (_values == null) yield break;
            object? updated = Value("Updated");
            string? name = Text("Name");
            // A record read before the last change carries that change's old name: the conflict check speaks for it.
            bool stale = updated != null && IsTimestamp(updated) && !SameTimestamp(updated, current.Updated);
            if (name != null && !stale && name != current.Contact?.Name?.Trim() && !MatchesContact(name, sent))
                yield return $"Customer {id}: Name was not changed: the API computes it from Forename and Surname. Set -Forename and -Surname instead.";
            if (Value("Created") is object created && !SameTimestamp(created, current.Created))
                yield return $"Customer {id}: Created was not changed: the API sets it when the customer is created, and it cannot be changed.";
            if (Text("ContractId") is string contract && contract != current.Contract?.Id)
                yield return $"Customer {id}: ContractId was not changed: a customer stays in the contract it was created in. " +
                    "To have it in another contract, create it there (New-SecuCustomer with that contract's connection).";
            if (Text("MerchantId") is string merchant && merchant != current.Merchant?.Id)
                yield return $"Customer {id}: MerchantId was not changed: a customer stays with the merchant it was created for. " +
                    "To have it with another merchant, create it there (New-SecuCustomer with that merchant's connection).";
            if (updated != null && !IsTimestamp(updated) && !SameText(updated, current.Updated))
                yield return $"Customer {id}: Updated was not changed: the API sets it on every change, and the value given is no timestamp.";
        }

        private static bool HasNameField(Contact contact) =>
            contact != null && new[] { CustomerFields.Forename, CustomerFields.Surname, CustomerFields.CompanyName }.Any(f => !string.IsNullOrEmpty(contact[f]));

        /// <summary>True when a Name is the one the API computes from this contact (forename + surname, or the one set), or its company.</summary>
        private static bool MatchesContact(string name, Contact? contact)
        {
            if (contact == null) return false;
            string computed = string.Join(" ", new[] { contact[CustomerFields.Forename], contact[CustomerFields.Surname] }.Where(s => !string.IsNullOrEmpty(s)));
            return string.Equals(name, computed.Trim(), StringComparison.Ordinal) ||
                string.Equals(name, contact[CustomerFields.CompanyName]?.Trim(), StringComparison.Ordinal);
        }

        /// <summary>
        /// True when a given timestamp names the stored one (to the second). A CSV cell holds the exporting culture's
        /// format, which may not be the reader's: the cell is read in the user's culture, invariantly and day first,
        /// each with day and month either way, and any reading that matches counts, so a file from another culture
        /// does not warn.
        /// </summary>
        private bool SameTimestamp(object given, string? stored)
        {
            // A stored value that is no time was shown as its text, and comes back as that text.
            if (SameText(given, stored)) return true;
            var storedValue = Timestamps.Parse(stored);
            return storedValue.HasValue && Readings(given).Any(r => Math.Abs((r - storedValue.Value).TotalSeconds) < 1);
        }

        private static bool SameText(object given, string? stored) =>
            stored != null && Timestamps.Parse(stored) == null &&
            string.Equals(InputValues.ToText(given)?.Trim(), stored.Trim(), StringComparison.Ordinal);

        private bool IsTimestamp(object given) => Readings(given).Any();

        // Day-first with / . or - separators and a 24-hour clock: the form most cultures export that invariant parsing refuses.
        private static readonly CultureInfo DayFirst = CultureInfo.GetCultureInfo("en-GB");

        private IEnumerable<DateTimeOffset> Readings(object given)
        {
            if (InputValues.Instant(given) is DateTimeOffset instant)
            {
                yield return instant;
                yield break;
            }
            switch (InputValues.Unwrap(given))
            {
                case string s:
                    foreach (var culture in new[] { _culture, CultureInfo.InvariantCulture, DayFirst })
                    {
                        if (!DateTimeOffset.TryParse(s.Trim(), culture, DateTimeStyles.AssumeUniversal, out var r)) continue;
                        yield return r;
                        if (r.Day <= 12 && r.Day != r.Month)
                            yield return new DateTimeOffset(r.Year, r.Day, r.Month, r.Hour, r.Minute, r.Second, r.Offset);
                    }
                    yield break;
            }
        }
    }
}
