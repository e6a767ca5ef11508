using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Query;

/// <summary>NOT a.</summary>
public sealed class NotNode(QueryNode inner) : QueryNode
{
    public override bool Matches(CustomerRecord record) => !inner.Matches(record);
}
