using SecuConnect.Sandbox.Customers;
using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Containers;

/// <summary>The containers linked to a customer: a customer that has any is not deleted.</summary>
public sealed class ContainerReferences(IRecordStore<ContainerRecord> containers) : ICustomerReferences
{
    public object Gate { get; } = new();

    public IReadOnlyList<string> Of(string customerId) =>
        containers.Snapshot().Where(c => c.CustomerId == customerId).Select(c => c.Id).ToList();
}
