using System.Globalization;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.RequestLog;

/// <summary>
/// The log of token and API requests: method, path, query and status only, never headers or bodies (they hold
/// secrets and tokens). Bounded in bytes: once the entries' estimated size passes the limit the oldest go.
/// </summary>
public sealed class RequestLogBook(long limitBytes = RequestLogBook.DefaultLimitBytes)
{
    public const long DefaultLimitBytes = 16L * 1024 * 1024;

    /// <summary>Estimated fixed cost of one entry beyond its strings (objects, timestamp, status, queue slot).</summary>
    public const int EntryOverheadBytes = 128;

    private readonly object _lock = new();
    private readonly Queue<RequestLogEntry> _entries = new();
    private long _bytes;

    public long LimitBytes { get; } = limitBytes;

    public static long SizeOf(RequestLogEntry e) => EntryOverheadBytes + 2L * (e.Method.Length + e.Path.Length + e.Query.Length) + ShapesSize(e);

    private static long ShapesSize(RequestLogEntry e)
    {
        long size = 0;
        if (e.Shapes != null)
            foreach (var (path, value) in e.Shapes) size += 2L * (path.Length + (value?.Length ?? 0));
        return size;
    }

    public void Add(RequestLogEntry entry)
    {
        long size = SizeOf(entry);
        lock (_lock)
        {
            _entries.Enqueue(entry);
            _bytes += size;
            while (_bytes > LimitBytes && _entries.Count > 1) _bytes -= SizeOf(_entries.Dequeue());
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _bytes = 0;
        }
    }

    public List<RequestLogView> Snapshot()
    {
        RequestLogEntry[] items;
        lock (_lock) items = _entries.ToArray();
        return items.Select(e => new RequestLogView
        {
            Method = e.Method,
            Path = e.Path,
            Query = e.Query,
            Status = e.Status,
            At = e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
            Shapes = e.Shapes,
        }).ToList();
    }
}
