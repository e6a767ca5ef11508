namespace SecuConnect.Sandbox.Store;

/// <summary>
/// Storage of one resource's records (customers, payment containers).
/// Implementations are safe for parallel use: no lost update, no duplicate id.
/// </summary>
public interface IRecordStore<T> : IDisposable where T : class, IStoredRecord
{
    T? Get(string id);

    /// <summary>Stores a new record under a fresh id built by <paramref name="build"/> (id, sequence).</summary>
    T Add(Func<string, long, T> build);

    /// <summary>Replaces a record atomically; null when it does not exist.</summary>
    T? Replace(string id, Func<T, T> update);

    /// <summary>Removes a record; returns it as it was, or null.</summary>
    T? Remove(string id);

    /// <summary>All records in creation order.</summary>
    IReadOnlyList<T> Snapshot();

    void Clear();
}
