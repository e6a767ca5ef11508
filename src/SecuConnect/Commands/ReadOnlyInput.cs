using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Api;
using SecuConnect.Models;

namespace SecuConnect.Commands
{
    /// <summary>
    /// What one record gives for the properties the API computes or sets (Name, Id, Created, Updated, ContractId,
    /// MerchantId): never sent. The module's own export columns pass quietly; a value that asks for a change the
    /// module cannot send is reported, so nothing a user gives is ignored without a word.
    /// </summary>
    internal sealed class ReadOnlyInput
    {
        // Input names (normalized as field names are) of the properties the module writes but never sends.
        private static readonly Dictionary<string, string> Canonical = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = "Id", ["name"] = "Name", ["fullname"] = "Name", ["created"] = "Created", ["updated"] = "Updated",
            ["contractid"] = "ContractId", ["merchantid"] = "MerchantId", ["contact"] = "Contact",
            ["additionalproperties"] = "AdditionalProperties",
        };

        private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.Ordinal);

        /// <summary>The output property an input name stands for (Id, Name for "Full Name", ...), or null when it is none.</summary>
        public static string CanonicalName(string name) =>
            Canonical.TryGetValue(CustomerFields.Normalize(name), out var canonical) ? canonical : null;

        /// <summary>Keeps a value the record gives; empty and whitespace-only values count as not given.</summary>
        public void Add(string canonical, object value)
        {
            value = CustomerInput.Unwrap(value);
            if (value is string s && s.Trim().Length == 0) return;
            if (value != null && !_values.ContainsKey(canonical)) _values[canonical] = value;
        }

        public bool IsEmpty => _values.Count == 0;

        /// <summary>The property names this record gave, in output order, for the one Verbose line of a run.</summary>
        public IEnumerable<string> Names => new[] { "Id", "Name", "Created", "Updated", "ContractId", "MerchantId", "Contact", "AdditionalProperties" }
            .Where(_values.ContainsKey);

        /// <summary>" Its Name, Created are set by the API ..." for a record that gives only such values, else "".</summary>
        public string NotSentNote()
        {
            var given = Names.Where(n => n != "Id").ToArray();
            if (given.Length == 0) return "";
            return $" Its {string.Join(", ", given)} {(given.Length == 1 ? "is" : "are")} set by the API and never sent" +
                (given.Contains("Name") ? ": to rename, set -Forename and -Surname." : ".");
        }

        private string Text(string canonical) =>
            _values.TryGetValue(canonical, out var v) ? CustomerInput.ToText(v)?.Trim() : null;

        /// <summary>
        /// New: the NameNotSplit error when the record's only name is a Name (or Full Name) column, which the module
        /// does not split into forename and surname; else null.
        /// </summary>
        public ErrorRecord NameNotSplit(Contact contact, object target)
        {
            if (Text("Name") == null || HasNameField(contact)) return null;
            const string message = "This record gives its name only as a Name (or Full Name) column. The API computes Name from Forename and " +
                "Surname and the module does not guess how to split a name: give Forename and Surname columns (or CompanyName). No request was sent.";
            return new ErrorRecord(new ArgumentException(message), "NameNotSplit", ErrorCategory.InvalidData, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Split the name into Forename and Surname columns, then create this record again." },
            };
        }

        /// <summary>New: true when the record's Name says something else than the name the API will compute (it is not sent).</summary>
        public bool NameDiffers(Contact contact)
        {
            string name = Text("Name");
            return name != null && !MatchesContact(name, contact);
        }

        /// <summary>
        /// Set: one warning per value that asks for a change the module cannot send, compared with the customer as
        /// stored (<paramref name="current"/>) and the contact about to be sent (<paramref name="sent"/>). Updated is
        /// the conflict check's: only a value that is no timestamp at all is reported here.
        /// </summary>
        public IEnumerable<string> SetWarnings(string id, PaymentCustomer current, Contact sent)
        {
            object updated = _values.TryGetValue("Updated", out var u) ? u : null;
            string name = Text("Name");
            // A record read before the last change carries that change's old name: the conflict check speaks for it.
            bool stale = updated != null && TryTimestamp(updated, out var read) && TryTimestamp(current.Updated, out var now) && !SameInstant(read, now);
            if (name != null && !stale && name != current.Contact?.Name?.Trim() && !MatchesContact(name, sent))
                yield return $"Customer {id}: Name was not changed: the API computes it from Forename and Surname. Set -Forename and -Surname instead.";
            if (_values.TryGetValue("Created", out var created) &&
                !(TryTimestamp(created, out var given) && TryTimestamp(current.Created, out var stored) && SameInstant(given, stored)))
                yield return $"Customer {id}: Created was not changed: the API sets it when the customer is created, and it cannot be changed.";
            if (Text("ContractId") is string contract && contract != current.Contract?.Id)
                yield return $"Customer {id}: ContractId was not changed: a customer stays in the contract it was created in. " +
                    "To have it in another contract, create it there (New-SecuCustomer with that contract's connection).";
            if (Text("MerchantId") is string merchant && merchant != current.Merchant?.Id)
                yield return $"Customer {id}: MerchantId was not changed: a customer stays with the merchant it was created for. " +
                    "To have it with another merchant, create it there (New-SecuCustomer with that merchant's connection).";
            if (updated != null && !TryTimestamp(updated, out _))
                yield return $"Customer {id}: Updated was not changed: the API sets it on every change, and the value given is no timestamp.";
        }

        private static bool HasNameField(Contact contact) =>
            contact != null && new[] { CustomerFields.Forename, CustomerFields.Surname, CustomerFields.CompanyName }.Any(f => !string.IsNullOrEmpty(contact[f]));

        /// <summary>True when a Name is the one the API computes from this contact (forename + surname, or the one set), or its company.</summary>
        private static bool MatchesContact(string name, Contact contact)
        {
            if (contact == null) return false;
            string computed = string.Join(" ", new[] { contact[CustomerFields.Forename], contact[CustomerFields.Surname] }.Where(s => !string.IsNullOrEmpty(s)));
            return string.Equals(name, computed.Trim(), StringComparison.Ordinal) ||
                string.Equals(name, contact[CustomerFields.CompanyName]?.Trim(), StringComparison.Ordinal);
        }

        /// <summary>A timestamp as the output object holds it, or as a CSV cell shows it (current culture, then ISO).</summary>
        private static bool TryTimestamp(object value, out DateTimeOffset result)
        {
            switch (CustomerInput.Unwrap(value))
            {
                case DateTimeOffset d:
                    result = d;
                    return true;
                case DateTime t:
                    result = t.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(t, TimeSpan.Zero) : new DateTimeOffset(t);
                    return true;
                case string s:
                    return DateTimeOffset.TryParse(s.Trim(), CultureInfo.CurrentCulture, DateTimeStyles.AssumeUniversal, out result)
                        || DateTimeOffset.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out result);
                default:
                    result = default(DateTimeOffset);
                    return false;
            }
        }

        // A CSV cell keeps whole seconds: instants within a second are the same timestamp.
        private static bool SameInstant(DateTimeOffset a, DateTimeOffset b) => Math.Abs((a - b).TotalSeconds) < 1;
    }
}
