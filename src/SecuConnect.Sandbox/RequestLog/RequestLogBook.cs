using System.Globalization;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.RequestLog;

/// <summary>
/// The log of token and API requests: method, path, query and status only, never headers or bodies (they hold
/// secrets and tokens). Bounded: the oldest entries go once the cap is reached.
/// </summary>
public sealed class RequestLogBook
{
    public const int Capacity = 100_000;
    private readonly object _lock = new();
    private readonly Queue<RequestLogEntry> _entries = new();

    public void Add(RequestLogEntry entry)
    {
        lock (_lock)
        {
            if (_entries.Count >= Capacity) _entries.Dequeue();
            _entries.Enqueue(entry);
        }
    }

    public void Clear()
    {
        lock (_lock) _entries.Clear();
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
        }).ToList();
    }
}
