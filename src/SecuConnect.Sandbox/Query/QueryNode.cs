using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Query;

/// <summary>A node of a parsed q expression.</summary>
public abstract class QueryNode
{
    public abstract bool Matches(CustomerRecord record);
}
