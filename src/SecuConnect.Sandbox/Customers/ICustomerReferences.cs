namespace SecuConnect.Sandbox.Customers;

/// <summary>
/// Records of other resources that point at a customer (a container linked to it). A customer that is still
/// referenced is not deleted. Writers that add or move such a link take <see cref="Gate"/>, as the customer delete
/// does, so a link never points at a customer deleted in between.
/// </summary>
public interface ICustomerReferences
{
    object Gate { get; }

    /// <summary>The ids of the records that point at the customer, in creation order.</summary>
    IReadOnlyList<string> Of(string customerId);
}
