using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// One Set-SecuCustomer record, ready to apply to the customer as it is now: wire values by field index (null =
    /// keep, "" = clear), the fields to clear, a date of birth only the stored date can settle, and what the record knows of the
    /// customer as it was read: the customer object it came from, if the module wrote it (to warn when a changed field
    /// was also changed on the server since), else the row's Updated stamp (a row the server changed since is a conflict).
    /// </summary>
    internal sealed class CustomerChange
    {
        private readonly string?[] _wire;
        private readonly CustomerField[] _clear;
        private readonly UnsettledDate? _unsettled;
        private readonly Customer? _source;
        private readonly RowStamp? _stamp;
        private readonly bool _force;
        private readonly string? _shownDate;

        /// <param name="shownDate">a DateOfBirth given as JSON text (see <see cref="TakeShownDate"/>), settled against the stored value</param>
        public CustomerChange(string id, string?[] wire, CustomerField[] clear, UnsettledDate? unsettled, Customer? source,
            RowStamp? stamp = null, bool force = false, string? shownDate = null)
        {
            _shownDate = shownDate;
            Id = id;
            _wire = wire;
            _clear = clear;
            _unsettled = unsettled;
            _source = source;
            _stamp = stamp;
            _force = force;
        }

        public string Id { get; }

        /// <summary>The contact to send, or null when it would change nothing. Runs on a worker: it only logs.</summary>
        public Contact? Merge(PaymentCustomer current, ApiLogQueue log)
        {
            var stored = current.Contact;
            if (_unsettled != null) SettleDate(stored?[CustomerFields.DateOfBirth]);
            if (_shownDate != null) SettleShownDate(stored);
            if (_source != null) WarnAboutConcurrentChanges(stored, log);
            var merged = ContactMerger.Merge(stored, _wire, _clear);
            if (ContactMerger.IsUnchanged(stored, merged))
            {
                log.Verbose($"Customer {Id}: nothing to change.");
                return null;
            }
            if (_stamp != null && !_force) CheckStamp(current, stored, merged);
            return merged;
        }

        /// <summary>
        /// A row read before the server's last change cannot say which of its cells the user edited: applying it would
        /// put back every value the row still holds from before. Such a record is a conflict: nothing is sent.
        /// </summary>
        private void CheckStamp(PaymentCustomer current, Contact? stored, Contact merged)
        {
            string? why = _stamp!.Conflict(current.Updated, "customer");
            if (why == null) return;
            throw new SecuApiException(SecuErrorKind.Conflict, ErrorIds.ConcurrentChange,
                $"Customer {Id} was not updated: {why}. A row cannot say which of its cells you edited, so writing it " +
                $"could undo that change. The row and the server differ in:{Describe(stored, merged, "row")}" + System.Environment.NewLine +
                "Read the customer again (Get-SecuCustomer, or a new export) and redo your edit, or run Set-SecuCustomer -Force " +
                "to write the row as it is. No request was sent.");
        }

        /// <summary>An unsettled date counts as unchanged when one of its readings is the stored date (a file exported earlier); else it is an error.</summary>
        private void SettleDate(string? stored)
        {
            var date = DateOfBirthParser.FromWire(stored);
            if (date == _unsettled!.DayFirst || date == _unsettled.MonthFirst) return; // its wire value is null: the stored date stays
            throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidDateOfBirth, _unsettled.Message);
        }

        /// <summary>
        /// Takes a DateOfBirth given as JSON object or array text out of <paramref name="values"/> and returns it: the
        /// form the output shows a date of birth the API sent as JSON (a CSV cell or Clixml object read back), which no
        /// date parser reads. Null, and nothing taken, for any other value.
        /// </summary>
        public static string? TakeShownDate(object?[] values)
        {
            int i = CustomerFields.DateOfBirth.Index;
            if (!(InputValues.Unwrap(values[i]) is string s)) return null;
            s = s.Trim();
            if (s.Length < 2 || (s[0] != '{' && s[0] != '[')) return null;
            values[i] = null;
            return s;
        }

        /// <summary>A date of birth given as shown JSON is unchanged when the stored value is that JSON; anything else is no date.</summary>
        private void SettleShownDate(Contact? stored)
        {
            var field = CustomerFields.DateOfBirth;
            if (stored?.Kept(field) != null && string.Equals(stored[field], _shownDate, System.StringComparison.Ordinal)) return;
            // The message names no value: a date of birth is personal data.
            throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidDateOfBirth,
                $"Cannot use the DateOfBirth given for customer {Id}: it is JSON text, the form in which the module shows a date of birth the API sent " +
                "as JSON, but the customer's stored date of birth is not that value. Give a date such as 1991-02-03 (yyyy-MM-dd). No change was sent.");
        }

        /// <summary>The fields an update changes, one line each (City: 'London' -> 'Paris'), for -WhatIf and -Confirm.</summary>
        public static string Describe(Contact? current, Contact merged) => Describe(current, merged, null);

        /// <summary>
        /// The fields that differ, one line each: "City: 'London' -> 'Paris'", or with a <paramref name="label"/>,
        /// "City: server 'London', row 'Paris'".
        /// </summary>
        private static string Describe(Contact? current, Contact merged, string? label)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var field in CustomerFields.All)
            {
                string? before = current?[field], after = merged[field];
                if (ContactMerger.SameWire(field, before, after)) continue;
                sb.AppendLine().Append("  ").Append(field.Name).Append(": ");
                if (label == null) sb.Append(Shown(field, before)).Append(" -> ").Append(Shown(field, after));
                else sb.Append("server ").Append(Shown(field, before)).Append(", ").Append(label).Append(' ').Append(Shown(field, after));
            }
            return sb.ToString();
        }

        /// <summary>The fields a create sends, one line each, for -WhatIf and -Confirm.</summary>
        public static string Describe(Contact created)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var field in CustomerFields.All)
            {
                if (created[field] != null) sb.AppendLine().Append("  ").Append(field.Name).Append(": ").Append(Shown(field, created[field]));
            }
            return sb.ToString();
        }

        private static string Shown(CustomerField field, string? wire) =>
            string.IsNullOrEmpty(wire) ? "(empty)" : "'" + CustomerOutput.ToOutput(field, wire) + "'";

        private void WarnAboutConcurrentChanges(Contact? stored, ApiLogQueue log)
        {
            foreach (var field in CustomerFields.All)
            {
                string? given = _wire[field.Index];
                if (given == null) continue;
                string? asRead = InputValues.ToText(_source!.AsRead(field)); // Merge warns only for a piped customer
                string? now = stored?[field];
                if (ContactMerger.SameWire(field, asRead, now)) continue;
                log.Warning($"Customer {Id}: {field.Name} was changed since this object was read ('{asRead}', now '{CustomerOutput.ToOutput(field, now)}'); " +
                    $"writing your value '{given}'.");
            }
        }
    }
}
