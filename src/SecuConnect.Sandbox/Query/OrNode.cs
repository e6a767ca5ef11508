using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Query;

/// <summary>a OR b.</summary>
public sealed class OrNode(QueryNode left, QueryNode right) : QueryNode
{
    public override bool Matches(CustomerRecord record) => left.Matches(record) || right.Matches(record);
}
