using SecuConnect.Api;
using SecuConnect.Models;

namespace SecuConnect.Commands
{
    /// <summary>
    /// One Set-SecuCustomer record, ready to apply to the customer as it is now: wire values by field index (null =
    /// keep, "" = clear), the fields to clear, a date of birth with two readings, and the customer object it came
    /// from, if the module wrote it (to warn when a changed field was also changed on the server since).
    /// </summary>
    internal sealed class CustomerChange
    {
        private readonly string[] _wire;
        private readonly CustomerField[] _clear;
        private readonly AmbiguousDate _ambiguous;
        private readonly Customer _source;

        public CustomerChange(string id, string[] wire, CustomerField[] clear, AmbiguousDate ambiguous, Customer source)
        {
            Id = id;
            _wire = wire;
            _clear = clear;
            _ambiguous = ambiguous;
            _source = source;
        }

        public string Id { get; }

        /// <summary>The contact to send, or null when it would change nothing. Runs on a worker: it only logs.</summary>
        public Contact Merge(PaymentCustomer current, ApiLogQueue log)
        {
            var stored = current.Contact;
            if (_ambiguous != null) SettleDate(stored?[CustomerFields.DateOfBirth]);
            if (_source != null) WarnAboutConcurrentChanges(stored, log);
            var merged = ContactMerger.Merge(stored, _wire, _clear);
            if (ContactMerger.IsUnchanged(stored, merged))
            {
                log.Verbose($"Customer {Id}: nothing to change.");
                return null;
            }
            return merged;
        }

        /// <summary>A date with two readings counts as unchanged when one of them is the stored date (a file exported earlier); else it is an error.</summary>
        private void SettleDate(string stored)
        {
            var date = DateOfBirthParser.FromWire(stored);
            if (date == _ambiguous.DayFirst || date == _ambiguous.MonthFirst) return;
            throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidDateOfBirth, _ambiguous.Message);
        }

        /// <summary>The fields an update changes, one line each (City: 'London' -> 'Paris'), for -WhatIf and -Confirm.</summary>
        public static string Describe(Contact current, Contact merged)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var field in CustomerFields.All)
            {
                string before = current?[field], after = merged[field];
                if (ContactMerger.SameWire(field, before, after)) continue;
                sb.AppendLine().Append("  ").Append(field.Name).Append(": ").Append(Shown(field, before)).Append(" -> ").Append(Shown(field, after));
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

        private static string Shown(CustomerField field, string wire) =>
            string.IsNullOrEmpty(wire) ? "(empty)" : "'" + Output.CustomerOutput.ToOutput(field, wire) + "'";

        private void WarnAboutConcurrentChanges(Contact stored, ApiLogQueue log)
        {
            foreach (var field in CustomerFields.All)
            {
                string given = _wire[field.Index];
                if (given == null) continue;
                string asRead = CustomerInput.ToText(_source.AsRead(field));
                string now = stored?[field];
                if (ContactMerger.SameWire(field, asRead, now)) continue;
                log.Warning($"Customer {Id}: {field.Name} was changed since this object was read ('{asRead}', now '{Output.CustomerOutput.ToOutput(field, now)}'); " +
                    $"writing your value '{given}'.");
            }
        }
    }
}
