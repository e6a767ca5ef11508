using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Store;

/// <summary>Customer storage. Implementations are safe for parallel use: no lost update, no duplicate id.</summary>
public interface ICustomerStore : IDisposable
{
    CustomerRecord? Get(string id);

    /// <summary>Stores a new customer under a fresh id built by <paramref name="build"/> (id, sequence).</summary>
    CustomerRecord Add(Func<string, long, CustomerRecord> build);

    /// <summary>Replaces a customer atomically; null when it does not exist.</summary>
    CustomerRecord? Replace(string id, Func<CustomerRecord, CustomerRecord> update);

    /// <summary>Removes a customer; returns it as it was, or null.</summary>
    CustomerRecord? Remove(string id);

    /// <summary>All customers in creation order.</summary>
    IReadOnlyList<CustomerRecord> Snapshot();

    void Clear();
}
