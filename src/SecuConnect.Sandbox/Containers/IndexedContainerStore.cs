using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Containers;

/// <summary>
/// The container store (in memory or SQLite) with an index of the links to customers: customer → its containers and
/// (customer, IBAN) → the containers holding that account. The duplicate-account check of a create and the
/// customer-delete check read the index instead of scanning every container, so their cost does not grow with the
/// store. Every write goes through here and updates the index under the same lock as the store, so the two never
/// disagree; records the store loaded from its data file are indexed once at start.
/// </summary>
public sealed class IndexedContainerStore : IRecordStore<ContainerRecord>
{
    private readonly IRecordStore<ContainerRecord> _inner;
    private readonly object _sync = new();
    // Values keyed by creation order (seq), so answers name the oldest container first, as a scan in list order did.
    private readonly Dictionary<string, SortedDictionary<long, string>> _byCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Customer, string Iban), SortedDictionary<long, string>> _byAccount = new();

    public IndexedContainerStore(IRecordStore<ContainerRecord> inner)
    {
        _inner = inner;
        foreach (var record in inner.Snapshot()) Index(record);
    }

    public ContainerRecord? Get(string id) => _inner.Get(id);

    public IReadOnlyList<ContainerRecord> Snapshot() => _inner.Snapshot();

    public ContainerRecord Add(Func<string, long, ContainerRecord> build)
    {
        lock (_sync)
        {
            var record = _inner.Add(build);
            Index(record);
            return record;
        }
    }

    public ContainerRecord? Replace(string id, Func<ContainerRecord, ContainerRecord> update)
    {
        lock (_sync)
        {
            // All writes hold _sync, so the record read here is the one the store replaces.
            var old = _inner.Get(id);
            var next = _inner.Replace(id, update);
            if (old != null && next != null)
            {
                Unindex(old);
                Index(next);
            }
            return next;
        }
    }

    public ContainerRecord? Remove(string id)
    {
        lock (_sync)
        {
            var old = _inner.Remove(id);
            if (old != null) Unindex(old);
            return old;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _inner.Clear();
            _byCustomer.Clear();
            _byAccount.Clear();
        }
    }

    /// <summary>The oldest container other than <paramref name="self"/> in which the customer holds the account, or null.</summary>
    public string? HolderOf(string customerId, string iban, string? self)
    {
        lock (_sync)
        {
            if (!_byAccount.TryGetValue((customerId, iban), out var holders)) return null;
            foreach (string id in holders.Values)
                if (id != self) return id;
            return null;
        }
    }

    /// <summary>The ids of the containers linked to the customer, in creation order.</summary>
    public IReadOnlyList<string> LinkedTo(string customerId)
    {
        lock (_sync)
            return _byCustomer.TryGetValue(customerId, out var ids) ? [.. ids.Values] : [];
    }

    public void Dispose() => _inner.Dispose();

    private void Index(ContainerRecord r)
    {
        if (r.CustomerId is not { } customer) return;
        Link(_byCustomer, customer, r);
        Link(_byAccount, (customer, r.Account.Iban), r);
    }

    private void Unindex(ContainerRecord r)
    {
        if (r.CustomerId is not { } customer) return;
        Unlink(_byCustomer, customer, r);
        Unlink(_byAccount, (customer, r.Account.Iban), r);
    }

    private static void Link<TKey>(Dictionary<TKey, SortedDictionary<long, string>> map, TKey key, ContainerRecord r) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var ids)) map[key] = ids = [];
        ids[r.Seq] = r.Id;
    }

    private static void Unlink<TKey>(Dictionary<TKey, SortedDictionary<long, string>> map, TKey key, ContainerRecord r) where TKey : notnull
    {
        if (map.TryGetValue(key, out var ids) && ids.Remove(r.Seq) && ids.Count == 0) map.Remove(key);
    }
}
