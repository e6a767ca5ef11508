using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Query;

/// <summary>a AND b (also two adjacent terms).</summary>
public sealed class AndNode(QueryNode left, QueryNode right) : QueryNode
{
    public override bool Matches(CustomerRecord record) => left.Matches(record) && right.Matches(record);
}
