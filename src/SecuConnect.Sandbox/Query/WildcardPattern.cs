namespace SecuConnect.Sandbox.Query;

/// <summary>
/// A value pattern: '*' any run, '?' one character, everything else literal (a backslash-escaped '*' or '?' is
/// literal too). Compared case-insensitively against the whole value.
/// </summary>
public sealed class WildcardPattern
{
    // Pattern as (char, kind): kind 0 literal, 1 '?', 2 '*'.
    private readonly char[] _chars;
    private readonly byte[] _kinds;
    private readonly bool _plain;

    public WildcardPattern(List<(char Ch, byte Kind)> parts)
    {
        _chars = parts.Select(p => char.ToUpperInvariant(p.Ch)).ToArray();
        _kinds = parts.Select(p => p.Kind).ToArray();
        _plain = Array.TrueForAll(_kinds, k => k == 0);
    }

    public static WildcardPattern Literal(string s) => new(s.Select(c => (c, (byte)0)).ToList());

    public bool IsMatch(string value)
    {
        if (_plain)
        {
            if (value.Length != _chars.Length) return false;
            for (int i = 0; i < value.Length; i++)
                if (char.ToUpperInvariant(value[i]) != _chars[i]) return false;
            return true;
        }
        // Iterative glob match with single-star backtracking: linear in practice, no regex.
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < _chars.Length && _kinds[p] == 2) { starP = p++; starV = v; }
            else if (p < _chars.Length && (_kinds[p] == 1 || _chars[p] == char.ToUpperInvariant(value[v]))) { p++; v++; }
            else if (starP >= 0) { p = starP + 1; v = ++starV; }
            else return false;
        }
        while (p < _chars.Length && _kinds[p] == 2) p++;
        return p == _chars.Length;
    }
}
