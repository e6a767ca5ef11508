namespace SecuConnect.Sandbox.Query;

/// <summary>a OR b.</summary>
public sealed class OrNode<T>(QueryNode<T> left, QueryNode<T> right) : QueryNode<T>
{
    public override bool Matches(T record) => left.Matches(record) || right.Matches(record);
}
