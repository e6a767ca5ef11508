using System.Collections.Concurrent;

namespace SecuConnect.Sandbox.Store;

/// <summary>
/// Lock-free reads from a ConcurrentDictionary; writes use compare-and-swap so parallel updates never lose one.
/// The list snapshot is cached until the next write, so repeated list calls do not re-sort.
/// </summary>
public sealed class InMemoryRecordStore<T>(ProductIds ids) : IRecordStore<T> where T : class, IStoredRecord
{
    private readonly ConcurrentDictionary<string, T> _items = new(StringComparer.Ordinal);
    private long _seq;
    private long _version;
    private volatile CachedList? _cached;

    private sealed record CachedList(long Version, T[] Items);

    public long LastSequence => Interlocked.Read(ref _seq);

    public T? Get(string id) => _items.TryGetValue(id, out var r) ? r : null;

    public T Add(Func<string, long, T> build)
    {
        while (true)
        {
            var record = build(ids.New(), Interlocked.Increment(ref _seq));
            if (_items.TryAdd(record.Id, record))
            {
                Changed();
                return record;
            }
        }
    }

    /// <summary>Puts a record loaded from persistent storage, or written through to it.</summary>
    public void Load(T record)
    {
        _items[record.Id] = record;
        long seq;
        while ((seq = Interlocked.Read(ref _seq)) < record.Seq && Interlocked.CompareExchange(ref _seq, record.Seq, seq) != seq) { }
        Changed();
    }

    public T? Replace(string id, Func<T, T> update)
    {
        while (_items.TryGetValue(id, out var current))
        {
            var next = update(current);
            if (_items.TryUpdate(id, next, current))
            {
                Changed();
                return next;
            }
        }
        return null;
    }

    public T? Remove(string id)
    {
        if (!_items.TryRemove(id, out var r)) return null;
        Changed();
        return r;
    }

    public IReadOnlyList<T> Snapshot()
    {
        long version = Interlocked.Read(ref _version);
        var cached = _cached;
        if (cached != null && cached.Version == version) return cached.Items;
        var list = _items.Values.ToArray();
        Array.Sort(list, static (a, b) => a.Seq != b.Seq ? a.Seq.CompareTo(b.Seq) : string.CompareOrdinal(a.Id, b.Id));
        // Tagged with the version read before copying: a write racing the copy bumps the version and voids it.
        _cached = new CachedList(version, list);
        return list;
    }

    private void Changed() => Interlocked.Increment(ref _version);

    public void Clear()
    {
        _items.Clear();
        Changed();
    }

    public void Dispose() { }
}
