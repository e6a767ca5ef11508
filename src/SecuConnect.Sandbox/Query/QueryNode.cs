namespace SecuConnect.Sandbox.Query;

/// <summary>A node of a parsed q expression over records of one resource.</summary>
public abstract class QueryNode<T>
{
    public abstract bool Matches(T record);
}
