using System.Collections.Concurrent;
using System.Globalization;
using SecuConnect.Sandbox.Query;

namespace SecuConnect.Sandbox.Scrolls;

/// <summary>
/// Scroll ids name a (context, position) pair: each answer hands out the id of the next batch, and re-sending an id
/// returns the same batch again, so a client can retry a lost answer without skipping records. Bounded: a lifetime
/// of at most <see cref="MaxKeepAlive"/>, at most <see cref="MaxOpenScrolls"/> open scrolls (opening one more drops
/// the one closest to expiry, whose ids then answer 404 like expired ones).
/// </summary>
public sealed class ScrollRegistry(TimeProvider time)
{
    public const int MaxOpenScrolls = 500;
    public static readonly TimeSpan MaxKeepAlive = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (ScrollContext Context, int Position)> _cursors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ScrollContext, byte> _open = new(ReferenceEqualityComparer.Instance);
    private readonly object _openLock = new();
    private long _lastSweep;

    public int OpenCount => _open.Count;

    /// <summary>Parses {n}{s|m|h}; throws <see cref="QuerySyntaxException"/> when malformed.</summary>
    public static TimeSpan ParseExpire(string value)
    {
        string v = value.Trim();
        if (v.Length < 2 || !long.TryParse(v.AsSpan(0, v.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0 || n > 86_400)
            throw new QuerySyntaxException($"invalid scroll_expire '{value}': use a number followed by s, m or h (e.g. 5m)");
        var keepAlive = char.ToLowerInvariant(v[^1]) switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => throw new QuerySyntaxException($"invalid scroll_expire '{value}': use a number followed by s, m or h (e.g. 5m)"),
        };
        if (keepAlive > MaxKeepAlive)
            throw new QuerySyntaxException($"invalid scroll_expire '{value}': the sandbox keeps a scroll for at most 1h");
        return keepAlive;
    }

    public ScrollContext<T> Open<T>(IReadOnlyList<T> items, int pageSize, FieldProjection? fields, TimeSpan keepAlive)
    {
        Sweep(force: false);
        var context = new ScrollContext<T>(items, pageSize, fields, keepAlive, Deadline(keepAlive));
        lock (_openLock)
        {
            if (_open.Count >= MaxOpenScrolls) Sweep(force: true);
            while (_open.Count >= MaxOpenScrolls)
            {
                var oldest = _open.Keys.MinBy(c => c.ExpiresAt)!;
                Drop(oldest);
            }
            _open[context] = 0;
        }
        return context;
    }

    /// <summary>Registers the cursor for the batch starting at <paramref name="position"/> and returns its id.</summary>
    public string CursorFor(ScrollContext context, int position)
    {
        string id = context.CursorIdFor(position);
        _cursors[id] = (context, position);
        return id;
    }

    /// <summary>
    /// Finds a live cursor of a scroll over <typeparamref name="T"/> records and renews its context's expiry; the
    /// scroll id of another resource's listing is not found here.
    /// </summary>
    public bool TryResolve<T>(string scrollId, out ScrollContext<T> context, out int position)
    {
        context = null!;
        position = 0;
        if (!_cursors.TryGetValue(scrollId, out var entry) || entry.Context is not ScrollContext<T> typed) return false;
        if (time.GetTimestamp() >= entry.Context.ExpiresAt || !_open.ContainsKey(entry.Context))
        {
            _cursors.TryRemove(scrollId, out _);
            return false;
        }
        entry.Context.ExpiresAt = Deadline(entry.Context.KeepAlive);
        (context, position) = (typed, entry.Position);
        return true;
    }

    public void Clear()
    {
        lock (_openLock)
        {
            _cursors.Clear();
            _open.Clear();
        }
    }

    private long Deadline(TimeSpan keepAlive) => time.GetTimestamp() + (long)(keepAlive.TotalSeconds * time.TimestampFrequency);

    // Drops expired scrolls at most every few seconds (or when the cap is reached), so they cost nothing once they lapse.
    private void Sweep(bool force)
    {
        long now = time.GetTimestamp();
        long last = Interlocked.Read(ref _lastSweep);
        if (!force && (now - last < 5 * time.TimestampFrequency || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)) return;
        foreach (var context in _open.Keys)
            if (now >= context.ExpiresAt) _open.TryRemove(context, out _);
        foreach (var kv in _cursors)
            if (now >= kv.Value.Context.ExpiresAt || !_open.ContainsKey(kv.Value.Context)) _cursors.TryRemove(kv);
    }

    private void Drop(ScrollContext context)
    {
        _open.TryRemove(context, out _);
        foreach (string id in context.CursorIds.Values) _cursors.TryRemove(id, out _);
    }
}
