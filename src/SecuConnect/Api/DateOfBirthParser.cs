using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SecuConnect.Api
{
    /// <summary>
    /// Reads a date of birth strictly: ISO yyyy-MM-dd first, then the exact date (and date-time) patterns of the
    /// current culture, then the invariant ones. Lenient parsing would swap day and month between 02/03/1901 and
    /// 03.02.1901; exact patterns make Export-Csv/Import-Csv round-trip under any one culture.
    /// </summary>
    public static class DateOfBirthParser
    {
        public const string WireFormat = "yyyy-MM-dd";

        private static readonly string[] IsoPatterns =
        {
            "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm:ss",
        };

        public static bool TryParse(object value, CultureInfo culture, out DateTime date)
        {
            date = default(DateTime);
            switch (value)
            {
                case null:
                    return false;
                case DateTime dt:
                    date = DateTime.SpecifyKind(dt.Date, DateTimeKind.Unspecified);
                    return true;
                case DateTimeOffset dto:
                    date = DateTime.SpecifyKind(dto.Date, DateTimeKind.Unspecified);
                    return true;
                case string s:
                    return TryParseString(s, culture ?? CultureInfo.CurrentCulture, out date);
                default:
                    return false;
            }
        }

        public static bool TryParseString(string text, CultureInfo culture, out DateTime date)
        {
            date = default(DateTime);
            if (string.IsNullOrWhiteSpace(text)) return false;
            text = text.Trim();
            const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.NoCurrentDateDefault;
            // An offset in the value is the API's echo (T00:00:00+00:00): only its date part counts, never shifted.
            if (DateTimeOffset.TryParseExact(text, IsoPatterns, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var iso))
            {
                date = DateTime.SpecifyKind(iso.DateTime.Date, DateTimeKind.Unspecified);
                return true;
            }
            foreach (var c in new[] { culture, CultureInfo.InvariantCulture })
            {
                if (DateTime.TryParseExact(text, Patterns(c), c, styles, out var parsed))
                {
                    date = DateTime.SpecifyKind(parsed.Date, DateTimeKind.Unspecified);
                    return true;
                }
            }
            return false;
        }

        /// <summary>The wire form, yyyy-MM-dd.</summary>
        public static string ToWire(DateTime date) => date.ToString(WireFormat, CultureInfo.InvariantCulture);

        /// <summary>Reads the API's dob (1991-02-03 or 1991-02-03T00:00:00+00:00) as a date without any zone shift.</summary>
        public static DateTime? FromWire(string value)
        {
            if (string.IsNullOrEmpty(value) || value.Length < 10) return null;
            return DateTime.TryParseExact(value.Substring(0, 10), WireFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? DateTime.SpecifyKind(d, DateTimeKind.Unspecified)
                : (DateTime?)null;
        }

        /// <summary>The date part of a wire value, for comparing what was sent with what came back.</summary>
        public static string NormalizeWire(string value)
        {
            var d = FromWire(value);
            return d.HasValue ? ToWire(d.Value) : value;
        }

        private static string[] Patterns(CultureInfo culture)
        {
            var f = culture.DateTimeFormat;
            var patterns = new List<string>();
            patterns.AddRange(f.GetAllDateTimePatterns('d'));
            // Export-Csv writes a [datetime] with its time ("03.02.1991 00:00:00"), so accept the culture's date-time forms too.
            patterns.AddRange(f.GetAllDateTimePatterns('G'));
            patterns.AddRange(f.GetAllDateTimePatterns('g'));
            patterns.AddRange(f.GetAllDateTimePatterns('D'));
            return patterns.Distinct().ToArray();
        }
    }
}
