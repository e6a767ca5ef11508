namespace SecuConnect.Sandbox.Query;

/// <summary>
/// Parses the q syntax (the contract copy, tests/Contract/payment-customers.openapi.json): field:value with nested names, * and ? wildcards, [a TO b] and {a TO b}
/// ranges, double-quoted phrases, AND/OR/NOT (also &amp;&amp;, ||, !, a leading -), parentheses, field:(a OR b),
/// adjacent terms meaning AND. Operators are matched case-insensitively.
/// </summary>
public static class QueryParser
{
    /// <summary>Parses q for one resource, whose paths <paramref name="resolve"/> turns into accessors; null for an empty query (matches everything).</summary>
    public static QueryNode<T>? Parse<T>(string? q, FieldResolver<T> resolve) => QueryParser<T>.Parse(q, resolve);

    /// <summary>Whether q is well-formed (validate=1): the grammar is the same for every resource.</summary>
    public static bool IsValid(string? q)
    {
        try { QueryParser<object>.Parse(q, static _ => null); return true; }
        catch (QuerySyntaxException) { return false; }
    }

    /// <summary>PHP's urldecode: %XX and '+' for a space; a '%' without two hex digits stays as it is.</summary>
    public static string UrlDecode(string value) =>
        value.Contains('%') || value.Contains('+') ? System.Net.WebUtility.UrlDecode(value) : value;
}

/// <summary>The parser of <see cref="QueryParser"/>, building nodes over records of type <typeparamref name="T"/>.</summary>
public sealed class QueryParser<T>
{
    private const int MaxDepth = 64;
    private readonly string _s;
    private readonly FieldResolver<T> _resolve;
    private int _pos;
    private int _depth;

    private QueryParser(string s, FieldResolver<T> resolve)
    {
        _s = s;
        _resolve = resolve;
    }

    /// <summary>Parses q; null for an empty query (matches everything).</summary>
    public static QueryNode<T>? Parse(string? q, FieldResolver<T> resolve)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var p = new QueryParser<T>(q, resolve);
        var node = p.ParseOr(null);
        p.SkipWs();
        if (p._pos < p._s.Length) throw p.Error($"unexpected '{p._s[p._pos]}'");
        return node;
    }

    private QueryNode<T> ParseOr(string? field)
    {
        var left = ParseAnd(field);
        while (true)
        {
            SkipWs();
            if (TryKeyword("OR") || TryLiteral("||")) left = new OrNode<T>(left, ParseAnd(field));
            else return left;
        }
    }

    private QueryNode<T> ParseAnd(string? field)
    {
        var left = ParseUnary(field);
        while (true)
        {
            SkipWs();
            if (_pos >= _s.Length || _s[_pos] == ')' || PeekKeyword("OR") || PeekLiteral("||")) return left;
            if (TryKeyword("AND") || TryLiteral("&&")) { }
            left = new AndNode<T>(left, ParseUnary(field));
        }
    }

    private QueryNode<T> ParseUnary(string? field)
    {
        SkipWs();
        if (TryKeyword("NOT") || TryLiteral("!") || TryLiteral("-"))
        {
            Enter();
            var inner = new NotNode<T>(ParseUnary(field));
            _depth--;
            return inner;
        }
        TryLiteral("+");
        return ParsePrimary(field);
    }

    private QueryNode<T> ParsePrimary(string? field)
    {
        SkipWs();
        if (_pos >= _s.Length) throw Error("expression expected");
        if (_s[_pos] == '(')
        {
            _pos++;
            Enter();
            var inner = ParseOr(field);
            _depth--;
            SkipWs();
            if (_pos >= _s.Length || _s[_pos] != ')') throw Error("')' expected");
            _pos++;
            return inner;
        }
        if (field == null)
        {
            int start = _pos;
            while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] is '_' or '.')) _pos++;
            if (_pos == start) throw Error("field name expected");
            string name = _s[start.._pos];
            if (_pos >= _s.Length || _s[_pos] != ':') throw Error($"':' expected after '{name}'");
            _pos++;
            if (_pos < _s.Length && _s[_pos] == '(')
            {
                _pos++;
                Enter();
                var group = ParseOr(name);
                _depth--;
                SkipWs();
                if (_pos >= _s.Length || _s[_pos] != ')') throw Error("')' expected");
                _pos++;
                return group;
            }
            return ParseValue(name);
        }
        return ParseValue(field);
    }

    private QueryNode<T> ParseValue(string field)
    {
        if (_pos >= _s.Length || char.IsWhiteSpace(_s[_pos]) || _s[_pos] == ')') throw Error($"value expected for '{field}'");
        char c = _s[_pos];
        if (c == '"') return new TermNode<T>(_resolve(field), WildcardPattern.Literal(QueryParser.UrlDecode(ReadQuoted())));
        if (c is '[' or '{')
        {
            _pos++;
            SkipWs();
            string? low = ReadBound();
            SkipWs();
            if (!TryKeyword("TO")) throw Error("'TO' expected in range");
            SkipWs();
            string? high = ReadBound();
            SkipWs();
            if (_pos >= _s.Length || _s[_pos] is not (']' or '}')) throw Error("']' or '}' expected to close the range");
            bool highInclusive = _s[_pos] == ']';
            _pos++;
            return new RangeNode<T>(_resolve(field), low, high, c == '[', highInclusive);
        }
        // A bare value: '*' and '?' are wildcards, a backslash makes the next character literal, and then the value
        // is URL-decoded once more as PHP's urldecode does (%XX, '+' for a space); a decoded character is always
        // literal, so %2A is a '*' and %20 a space inside the value.
        var parts = new List<(char, byte)>();
        var pending = new List<byte>();
        while (_pos < _s.Length && !char.IsWhiteSpace(_s[_pos]) && _s[_pos] != ')')
        {
            char ch = _s[_pos++];
            if (ch == '%' && _pos + 1 < _s.Length && char.IsAsciiHexDigit(_s[_pos]) && char.IsAsciiHexDigit(_s[_pos + 1]))
            {
                pending.Add(Convert.ToByte(_s.Substring(_pos, 2), 16));
                _pos += 2;
                continue;
            }
            Flush(parts, pending);
            if (ch == '\\')
            {
                if (_pos >= _s.Length) throw Error("character expected after '\\'");
                parts.Add((_s[_pos++], 0));
            }
            else if (ch == '+') parts.Add((' ', 0));
            else if (ch is '(' or '"' or '[' or ']' or '{' or '}') throw Error($"unexpected '{ch}' in value");
            else parts.Add((ch, ch == '*' ? (byte)2 : ch == '?' ? (byte)1 : (byte)0));
        }
        Flush(parts, pending);
        return new TermNode<T>(_resolve(field), new WildcardPattern(parts));
    }

    /// <summary>Appends percent-decoded bytes as literal characters (UTF-8).</summary>
    private static void Flush(List<(char, byte)> parts, List<byte> pending)
    {
        if (pending.Count == 0) return;
        foreach (char d in System.Text.Encoding.UTF8.GetString(pending.ToArray())) parts.Add((d, 0));
        pending.Clear();
    }

    /// <summary>A range bound, URL-decoded; null for an open side (a bare '*').</summary>
    private string? ReadBound()
    {
        if (_pos < _s.Length && _s[_pos] == '"') return QueryParser.UrlDecode(ReadQuoted());
        int start = _pos;
        while (_pos < _s.Length && !char.IsWhiteSpace(_s[_pos]) && _s[_pos] is not (']' or '}')) _pos++;
        if (_pos == start) throw Error("range bound expected");
        string raw = _s[start.._pos];
        return raw == "*" ? null : QueryParser.UrlDecode(raw);
    }

    private string ReadQuoted()
    {
        _pos++; // opening quote
        var sb = new System.Text.StringBuilder();
        while (_pos < _s.Length && _s[_pos] != '"')
        {
            if (_s[_pos] == '\\' && _pos + 1 < _s.Length) _pos++;
            sb.Append(_s[_pos++]);
        }
        if (_pos >= _s.Length) throw Error("unterminated quoted value");
        _pos++;
        return sb.ToString();
    }

    private void Enter()
    {
        if (++_depth > MaxDepth) throw Error("expression nested too deeply");
    }

    private void SkipWs()
    {
        while (_pos < _s.Length && char.IsWhiteSpace(_s[_pos])) _pos++;
    }

    private bool PeekKeyword(string kw) =>
        string.Compare(_s, _pos, kw, 0, kw.Length, StringComparison.OrdinalIgnoreCase) == 0
        && _pos + kw.Length <= _s.Length
        && (_pos + kw.Length == _s.Length || char.IsWhiteSpace(_s[_pos + kw.Length]) || _s[_pos + kw.Length] == '(');

    private bool TryKeyword(string kw)
    {
        if (!PeekKeyword(kw)) return false;
        _pos += kw.Length;
        return true;
    }

    private bool PeekLiteral(string lit) => string.CompareOrdinal(_s, _pos, lit, 0, lit.Length) == 0 && _pos + lit.Length <= _s.Length;

    private bool TryLiteral(string lit)
    {
        if (!PeekLiteral(lit)) return false;
        _pos += lit.Length;
        return true;
    }

    private QuerySyntaxException Error(string what) => new($"invalid q at position {_pos}: {what}");
}
