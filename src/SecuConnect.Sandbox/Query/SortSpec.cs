using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Query;

/// <summary>
/// sort=field:asc|desc|dsc[,field:order]: strings compared case-insensitively, records lacking the field last in
/// either direction, then creation order and id as the tie-breakers.
/// </summary>
public sealed class SortSpec<T> : IComparer<T> where T : IStoredRecord
{
    private readonly (Func<T, string?>? Field, bool Descending)[] _keys;

    private SortSpec((Func<T, string?>?, bool)[] keys) => _keys = keys;

    /// <summary>Null when no sort is asked for.</summary>
    /// <param name="known">strict mode: which field paths exist; an unknown one is a syntax error. Null accepts any
    /// path (an unknown one sorts nothing).</param>
    public static SortSpec<T>? Parse(string? sort, FieldResolver<T> resolve, Func<string, bool>? known = null)
    {
        if (string.IsNullOrWhiteSpace(sort)) return null;
        var keys = new List<(Func<T, string?>?, bool)>();
        foreach (string part in sort.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0) continue;
            int colon = part.LastIndexOf(':');
            string field = colon < 0 ? part : part[..colon].Trim();
            string order = colon < 0 ? "asc" : part[(colon + 1)..].Trim().ToLowerInvariant();
            if (field.Length == 0) throw new QuerySyntaxException($"invalid sort '{part}': field expected");
            bool desc = order switch
            {
                "asc" => false,
                "desc" or "dsc" => true,
                _ => throw new QuerySyntaxException($"invalid sort order '{order}' for {field}: use asc or desc"),
            };
            if (known != null && !known(field)) throw new QuerySyntaxException($"invalid sort: unknown field '{field}'");
            keys.Add((resolve(field), desc));
        }
        return keys.Count == 0 ? null : new SortSpec<T>(keys.ToArray());
    }

    public int Compare(T? a, T? b)
    {
        foreach (var (field, desc) in _keys)
        {
            if (field == null) continue;
            string? va = field(a!), vb = field(b!);
            if (va == null && vb == null) continue;
            if (va == null) return 1;
            if (vb == null) return -1;
            int c = string.Compare(va, vb, StringComparison.OrdinalIgnoreCase);
            if (c != 0) return desc ? -c : c;
        }
        return DefaultOrder(a!, b!);
    }

    public static int DefaultOrder(T a, T b) =>
        a.Seq != b.Seq ? a.Seq.CompareTo(b.Seq) : string.CompareOrdinal(a.Id, b.Id);
}
