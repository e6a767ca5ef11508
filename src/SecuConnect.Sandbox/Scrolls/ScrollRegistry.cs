using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Query;

namespace SecuConnect.Sandbox.Scrolls;

/// <summary>
/// Scroll ids name a (context, position) pair: each answer hands out the id of the next batch, and re-sending an id
/// returns the same batch again, so a client can retry a lost answer without skipping records.
/// </summary>
public sealed class ScrollRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ScrollContext Context, int Position)> _cursors = new(StringComparer.Ordinal);
    private long _lastSweep;

    /// <summary>Parses {n}{s|m|h}; throws <see cref="QuerySyntaxException"/> when malformed.</summary>
    public static TimeSpan ParseExpire(string value)
    {
        string v = value.Trim();
        if (v.Length < 2 || !long.TryParse(v.AsSpan(0, v.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0 || n > 86_400)
            throw new QuerySyntaxException($"invalid scroll_expire '{value}': use a number followed by s, m or h (e.g. 5m)");
        return char.ToLowerInvariant(v[^1]) switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => throw new QuerySyntaxException($"invalid scroll_expire '{value}': use a number followed by s, m or h (e.g. 5m)"),
        };
    }

    public ScrollContext Open(IReadOnlyList<CustomerRecord> items, int pageSize, FieldProjection? fields, TimeSpan keepAlive)
    {
        Sweep();
        return new ScrollContext(items, pageSize, fields, keepAlive, Deadline(keepAlive));
    }

    /// <summary>Registers the cursor for the batch starting at <paramref name="position"/> and returns its id.</summary>
    public string CursorFor(ScrollContext context, int position)
    {
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _cursors[id] = (context, position);
        return id;
    }

    /// <summary>Finds a live cursor and renews its context's expiry.</summary>
    public bool TryResolve(string scrollId, out ScrollContext context, out int position)
    {
        context = null!;
        position = 0;
        if (!_cursors.TryGetValue(scrollId, out var entry)) return false;
        if (time.GetTimestamp() >= entry.Context.ExpiresAt)
        {
            _cursors.TryRemove(scrollId, out _);
            return false;
        }
        entry.Context.ExpiresAt = Deadline(entry.Context.KeepAlive);
        (context, position) = entry;
        return true;
    }

    public void Clear() => _cursors.Clear();

    private long Deadline(TimeSpan keepAlive) => time.GetTimestamp() + (long)(keepAlive.TotalSeconds * time.TimestampFrequency);

    // Drops expired cursors at most every few seconds, so open scrolls cost nothing once they lapse.
    private void Sweep()
    {
        long now = time.GetTimestamp();
        long last = Interlocked.Read(ref _lastSweep);
        if (now - last < 5 * time.TimestampFrequency || Interlocked.CompareExchange(ref _lastSweep, now, last) != last) return;
        foreach (var kv in _cursors)
            if (now >= kv.Value.Context.ExpiresAt) _cursors.TryRemove(kv);
    }
}
