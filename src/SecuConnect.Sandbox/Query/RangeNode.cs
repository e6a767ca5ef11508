using System.Globalization;

namespace SecuConnect.Sandbox.Query;

/// <summary>
/// field:[a TO b] (inclusive) or {a TO b} (exclusive); '*' leaves a side open. Compared as numbers when value and
/// bounds parse as numbers, as dates when they parse as dates, else as case-insensitive strings.
/// </summary>
public sealed class RangeNode<T> : QueryNode<T>
{
    private readonly Func<T, string?>? _field;
    private readonly string? _low, _high;
    private readonly bool _lowInclusive, _highInclusive;

    public RangeNode(Func<T, string?>? field, string? low, string? high, bool lowInclusive, bool highInclusive)
    {
        _field = field;
        _low = low;
        _high = high;
        _lowInclusive = lowInclusive;
        _highInclusive = highInclusive;
    }

    public override bool Matches(T record)
    {
        if (_field == null || _field(record) is not { } v) return false;
        if (_low != null)
        {
            int c = Compare(v, _low);
            if (c < 0 || (c == 0 && !_lowInclusive)) return false;
        }
        if (_high != null)
        {
            int c = Compare(v, _high);
            if (c > 0 || (c == 0 && !_highInclusive)) return false;
        }
        return true;
    }

    private static int Compare(string value, string bound)
    {
        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var dv)
            && decimal.TryParse(bound, NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
            return dv.CompareTo(db);
        if (TryDate(value, out var tv) && TryDate(bound, out var tb))
            return tv.CompareTo(tb);
        return string.Compare(value, bound, StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryDate(string s, out DateTimeOffset d)
    {
        d = default;
        // Only ISO-looking values: "1" or "12" must not turn into dates.
        return s.Length >= 10 && char.IsAsciiDigit(s[0]) && s[4] == '-'
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out d);
    }
}
