using System.Collections.Concurrent;
using System.Security.Cryptography;
using SecuConnect.Sandbox.Query;

namespace SecuConnect.Sandbox.Scrolls;

/// <summary>
/// An open scroll search: its page size, field projection and lifetime. The records it hands out are those of
/// <see cref="ScrollContext{T}"/>, one resource's.
/// </summary>
public abstract class ScrollContext(int pageSize, FieldProjection? fields, TimeSpan keepAlive, long expiresAt)
{
    public int PageSize { get; } = pageSize;
    public FieldProjection? Fields { get; } = fields;
    public TimeSpan KeepAlive { get; } = keepAlive;

    /// <summary>Expiry as a <see cref="TimeProvider"/> timestamp; renewed on each call.</summary>
    public long ExpiresAt { get; set; } = expiresAt;

    /// <summary>One scroll id per batch position, so re-sending an id hands out the same next id, not a new one.</summary>
    public ConcurrentDictionary<int, string> CursorIds { get; } = new();

    public string CursorIdFor(int position) =>
        CursorIds.GetOrAdd(position, static _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
}

/// <summary>
/// The matching records as they were when the scroll was opened (a snapshot, so records deleted meanwhile are still
/// returned as they were and a Get | Remove across pages misses nothing).
/// </summary>
public sealed class ScrollContext<T>(IReadOnlyList<T> items, int pageSize, FieldProjection? fields, TimeSpan keepAlive, long expiresAt)
    : ScrollContext(pageSize, fields, keepAlive, expiresAt)
{
    public IReadOnlyList<T> Items { get; } = items;
}
