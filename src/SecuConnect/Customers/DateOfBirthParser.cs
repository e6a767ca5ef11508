using System;
using System.Globalization;
using System.Text.RegularExpressions;

using SecuConnect.Core;

namespace SecuConnect.Customers
{
    /// <summary>How certainly a value reads as a date.</summary>
    internal enum DateReading
    {
        /// <summary>Not a date.</summary>
        Invalid,

        /// <summary>Exactly one date.</summary>
        Exact,

        /// <summary>Day and month could be either way round (03/04/1970): two dates.</summary>
        Ambiguous,
    }

    /// <summary>
    /// Reads a date of birth so that a value means the same date on every machine, whatever its culture:
    /// <list type="bullet">
    /// <item>a [datetime] or [DateTimeOffset]: its date;</item>
    /// <item>year first (1970-04-03, 1970-4-3, 1970/04/03, 1970.04.03, 19700403 as text or number, with or without a time or offset): year, month, day;</item>
    /// <item>digits of any script (Persian, Arabic-Indic, fullwidth) read as their ASCII digits;</item>
    /// <item>a month name (3 April 1970, April 3, 1970, 03-Apr-1970; the current culture's names or English): that date;</item>
    /// <item>year last with dots (03.04.1970): day, month, year, as every culture that writes dots does;</item>
    /// <item>year last with slashes or hyphens (03/04/1970): read for certain only when one number is above 12 or both
    /// are equal; otherwise ambiguous, never guessed from the culture (Export-Csv under en-US and en-GB write the
    /// same text for different dates).</item>
    /// </list>
    /// Two-digit years and anything else are not dates.
    /// </summary>
    internal static class DateOfBirthParser
    {
        public const string WireFormat = "yyyy-MM-dd";

        // An optional time of day after the date, as Export-Csv and the API write it (ignored: a birth date has none);
        // Danish and Finnish write its parts with dots (31.12.1970 00.00.00).
        private const string Time = @"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s?[AaPp][Mm])?(?:\s?(?:Z|[+-]\d{2}:?\d{2}))?)?";

        private static readonly Regex YearFirst = new Regex(@"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + Time + "$", RegexOptions.CultureInvariant);
        private static readonly Regex Compact = new Regex(@"^(\d{4})(\d{2})(\d{2})$", RegexOptions.CultureInvariant);
        private static readonly Regex YearLast = new Regex(@"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + Time + "$", RegexOptions.CultureInvariant);
        private static readonly Regex HasLetter = new Regex(@"\p{L}{3,}", RegexOptions.CultureInvariant);
        private static readonly Regex FourDigitYear = new Regex(@"(?<!\d)\d{4}(?!\d)", RegexOptions.CultureInvariant);

        /// <summary>Reads a date; for <see cref="DateReading.Ambiguous"/>, <paramref name="date"/> is day-first and <paramref name="other"/> month-first.</summary>
        public static DateReading Read(object value, CultureInfo culture, out DateTime date, out DateTime other)
        {
            date = other = default(DateTime);
            switch (value)
            {
                case DateTime dt:
                    date = DateTime.SpecifyKind(dt.Date, DateTimeKind.Unspecified);
                    return DateReading.Exact;
                case DateTimeOffset dto:
                    date = DateTime.SpecifyKind(dto.Date, DateTimeKind.Unspecified);
                    return DateReading.Exact;
                case string s:
                    return ReadString(s, culture ?? CultureInfo.CurrentCulture, out date, out other);
                case int _:
                case long _:
                case uint _:
                case ulong _:
                case decimal _:
                    // 19700403 given as a number reads as the same text does.
                    return ReadString(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), culture ?? CultureInfo.CurrentCulture, out date, out other);
                default:
                    return DateReading.Invalid;
            }
        }

        /// <summary>True when the value reads as exactly one date.</summary>
        public static bool TryParse(object value, CultureInfo culture, out DateTime date) =>
            Read(value, culture, out date, out _) == DateReading.Exact;

        private static DateReading ReadString(string? text, CultureInfo culture, out DateTime date, out DateTime other)
        {
            date = other = default(DateTime);
            if (text == null || string.IsNullOrWhiteSpace(text)) return DateReading.Invalid;
            text = AsciiDigits(text.Trim());

            var m = YearFirst.Match(text);
            if (m.Success) return Exact(Num(m, 1), Num(m, 3), Num(m, 4), out date);
            m = Compact.Match(text);
            if (m.Success) return Exact(Num(m, 1), Num(m, 2), Num(m, 3), out date);
            m = YearLast.Match(text);
            if (m.Success)
            {
                int a = Num(m, 1), b = Num(m, 3), year = Num(m, 4);
                if (m.Groups[2].Value == ".") return Exact(year, b, a, out date);
                bool dayFirst = IsDate(year, b, a), monthFirst = IsDate(year, a, b);
                if (dayFirst && monthFirst && a != b)
                {
                    date = new DateTime(year, b, a);
                    other = new DateTime(year, a, b);
                    return DateReading.Ambiguous;
                }
                if (dayFirst) return Exact(year, b, a, out date);
                if (monthFirst) return Exact(year, a, b, out date);
                return DateReading.Invalid;
            }
            // A month written as a word names itself; the year must be written out in full.
            if (HasLetter.IsMatch(text) && FourDigitYear.IsMatch(text))
            {
                const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.NoCurrentDateDefault;
                foreach (var c in new[] { culture, CultureInfo.InvariantCulture })
                {
                    if (DateTime.TryParse(text, c, styles, out var parsed) && MonthNamed(text, c, parsed.Month))
                    {
                        date = DateTime.SpecifyKind(parsed.Date, DateTimeKind.Unspecified);
                        return DateReading.Exact;
                    }
                }
            }
            return DateReading.Invalid;
        }

        /// <summary>The text with every Unicode decimal digit (Persian ۱۹۷۰, Arabic-Indic ١٩٧٠, fullwidth) as its ASCII digit.</summary>
        private static string AsciiDigits(string text)
        {
            char[]? chars = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c <= '\u007f' || CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.DecimalDigitNumber) continue;
                (chars ?? (chars = text.ToCharArray()))[i] = (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c));
            }
            return chars == null ? text : new string(chars);
        }

        /// <summary>The wire form, yyyy-MM-dd.</summary>
        public static string ToWire(DateTime date) => date.ToString(WireFormat, CultureInfo.InvariantCulture);

        /// <summary>Reads the API's dob (1991-02-03 or 1991-02-03T00:00:00+00:00) as a date without any zone shift.</summary>
        public static DateTime? FromWire(string? value)
        {
            if (value == null || value.Length < 10) return null;
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

        private static int Num(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

        private static bool IsDate(int year, int month, int day) =>
            year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

        private static DateReading Exact(int year, int month, int day, out DateTime date)
        {
            date = default(DateTime);
            if (!IsDate(year, month, day)) return DateReading.Invalid;
            date = new DateTime(year, month, day);
            return DateReading.Exact;
        }

        /// <summary>True when the text holds the parsed month's name (full or abbreviated) in the culture: a number never decided it.</summary>
        private static bool MonthNamed(string text, CultureInfo culture, int month)
        {
            var f = culture.DateTimeFormat;
            foreach (var name in new[] { f.GetMonthName(month), f.GetAbbreviatedMonthName(month), f.MonthGenitiveNames[month - 1], f.AbbreviatedMonthGenitiveNames[month - 1] })
            {
                string? n = name?.TrimEnd('.');
                if (!string.IsNullOrEmpty(n) && culture.CompareInfo.IndexOf(text, n, CompareOptions.IgnoreCase) >= 0) return true;
            }
            return false;
        }
    }
}
