using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// The <c>Updated</c> value a piped row or object without the module's memory carries (a CSV row, an object from
    /// Import-Clixml or a job): when the record was read. A Set cmdlet compares it with the server's <c>updated</c>
    /// (<see cref="Conflict"/>), to the second, before applying a row that cannot say which of its cells the user
    /// edited. No resource type: every resource's Set uses it.
    /// </summary>
    internal sealed class RowStamp
    {
        // Export-Csv writes a DateTimeOffset in the exporting culture's format ("12/7/2026 10:05:03 AM +00:00",
        // "07.12.2026 10:05:03 +00:00", "2026/12/07 ..."), and the file may be read anywhere. Every reading counts:
        // a stale row matches the server's stamp under none of them, and two readings that differ never both match.
        private static readonly CultureInfo[] Readings = new[] { "en-US", "en-GB", "de-DE", "ja-JP" }
            .Select(TryCulture).Where(c => c != null).Select(c => c!).ToArray();

        private readonly DateTimeOffset[] _readings;

        private RowStamp(string text, DateTimeOffset[] readings, bool neverUpdated)
        {
            Text = text;
            _readings = readings;
            NeverUpdated = neverUpdated;
        }

        /// <summary>The value as the row gives it, for messages.</summary>
        public string Text { get; }

        /// <summary>False when no culture reads the value as a time: the row's age is unknown.</summary>
        public bool Readable => _readings.Length > 0;

        /// <summary>
        /// True for a row read before the record's first update: the API sends no <c>updated</c> until then, so the
        /// export has a Created value and an empty Updated cell.
        /// </summary>
        public bool NeverUpdated { get; }

        /// <summary>
        /// What the row says of its age, or null when it says nothing (no Updated value, and no Created value beside an
        /// empty Updated): such rows keep the rule of applying every value they hold. The caller passes only input
        /// without the module's memory (an object its own Get wrote knows what the user changed).
        /// </summary>
        public static RowStamp? Of(PSObject? input)
        {
            if (input == null || input.BaseObject is string) return null;
            var updated = Read(input, "Updated", out bool hasUpdated);
            if (updated != null) return new RowStamp(updated.Value.Text, updated.Value.Readings, false);
            if (!hasUpdated) return null;
            var created = Read(input, "Created", out _);
            return created == null ? null : new RowStamp(created.Value.Text, created.Value.Readings, true);
        }

        /// <summary>A timestamp property's text and readings; null when it is absent or empty.</summary>
        private static (string Text, DateTimeOffset[] Readings)? Read(PSObject input, string name, out bool present)
        {
            object? value;
            if (input.BaseObject is IDictionary d) value = ValueOf(d, name, out present);
            else
            {
                var property = input.Properties[name];
                present = property != null;
                value = property?.Value;
            }
            if (InputValues.Instant(value) is DateTimeOffset instant)
                return (instant.ToString("o", CultureInfo.InvariantCulture), new[] { instant });
            string? text = InputValues.ToText(value)?.Trim();
            if (text == null || text.Length == 0) return null;
            return (text, Read(text));
        }

        private static object? ValueOf(IDictionary d, string name, out bool present)
        {
            foreach (DictionaryEntry e in d)
            {
                if (!string.Equals(Convert.ToString(e.Key, CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase)) continue;
                present = true;
                return e.Value;
            }
            present = false;
            return null;
        }

        /// <summary>Every instant the text may mean: invariant culture first, then the current one, then the common date orders.</summary>
        private static DateTimeOffset[] Read(string text)
        {
            var found = new List<DateTimeOffset>();
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.CurrentCulture }.Concat(Readings))
            {
                if (DateTimeOffset.TryParse(text, culture, DateTimeStyles.AssumeUniversal, out var reading) && !found.Contains(reading)) found.Add(reading);
            }
            return found.ToArray();
        }

        /// <summary>
        /// Why the row is older than the record on the server, whose <c>updated</c> is <paramref name="serverUpdated"/>;
        /// null when the row is current (or the server keeps no stamp to compare). <paramref name="record"/> names the
        /// record in the reason ("customer", "payment container").
        /// </summary>
        public string? Conflict(string? serverUpdated, string record)
        {
            bool serverHasStamp = !string.IsNullOrWhiteSpace(serverUpdated);
            var server = Timestamps.Parse(serverUpdated);
            if (NeverUpdated)
            {
                // Read before the first update (the API sends no updated until then): any update since is a change,
                // also one whose stamp is no time.
                return serverHasStamp
                    ? $"it was read before the {record}'s first update (created {Text}), and the {record} was changed on the server at {serverUpdated}"
                    : null;
            }
            if (serverHasStamp && server == null)
            {
                // The server's stamp is no time (some API versions' own form): the output showed it as text, so a row
                // read since the last change carries that same text. Any other value is a change or an unknown age.
                return SameText(serverUpdated) ? null
                    : $"its Updated value does not match the {record}'s updated value on the server ('{serverUpdated}', which is not a time), so it cannot show that the row is current";
            }
            if (!Readable) return $"its Updated value '{Text}' is not a time, so it cannot show that the row is current";
            // A server that keeps no stamp gives nothing to compare: the row applies as rows without Updated do.
            return server == null || Matches(server.Value) ? null
                : $"it was read at {Text} and the {record} was changed on the server at {serverUpdated}";
        }

        /// <summary>True when the row gives exactly this text (a server stamp that is no time, shown and exported as text).</summary>
        private bool SameText(string? server) => string.Equals(Text, server?.Trim(), StringComparison.Ordinal);

        /// <summary>True when one reading names the same second as <paramref name="server"/> (an export keeps whole seconds).</summary>
        private bool Matches(DateTimeOffset server) =>
            _readings.Any(r => Seconds(r) == Seconds(server));

        private static long Seconds(DateTimeOffset t) => t.UtcTicks / TimeSpan.TicksPerSecond;

        private static CultureInfo? TryCulture(string name)
        {
            try { return CultureInfo.GetCultureInfo(name); }
            catch (CultureNotFoundException) { return null; }
        }
    }
}
