#nullable enable
using System;
using System.Globalization;

namespace SecuConnect.Core
{
    /// <summary>
    /// The API's <c>created</c> and <c>updated</c> values, for every resource: read as an instant where they are one,
    /// and shown as the text that came where they are not (never $null for a value the API sent).
    /// </summary>
    internal static class Timestamps
    {
        /// <summary>The instant the text names (invariant culture, UTC when no offset is given); null when it names none.</summary>
        public static DateTimeOffset? Parse(string? value)
        {
            if (string.IsNullOrEmpty(value)) return null;
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var result)
                ? result
                : (DateTimeOffset?)null;
        }

        /// <summary>What an output property shows: a DateTimeOffset, or the API's text as it came when it is no time.</summary>
        public static object? Shown(string? value) => (object?)Parse(value) ?? value;

        /// <summary>
        /// True when a non-empty value is a time. The API's own form (2024-05-02T10:49:23+02:00) passes on its shape
        /// alone, so a reader checking every answer parses the common one only once, in the output.
        /// </summary>
        public static bool IsTime(string value) => LooksIso(value) || Parse(value) != null;

        private static bool LooksIso(string t) =>
            t.Length >= 19 && t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':' && char.IsDigit(t[0]) && char.IsDigit(t[18]);
    }
}
