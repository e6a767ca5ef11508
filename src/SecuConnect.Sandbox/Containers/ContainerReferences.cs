using SecuConnect.Sandbox.Customers;

namespace SecuConnect.Sandbox.Containers;

/// <summary>The containers linked to a customer: a customer that has any is not deleted.</summary>
public sealed class ContainerReferences(IndexedContainerStore containers) : ICustomerReferences
{
    public object Gate { get; } = new();

    public IReadOnlyList<string> Of(string customerId) => containers.LinkedTo(customerId);
}
