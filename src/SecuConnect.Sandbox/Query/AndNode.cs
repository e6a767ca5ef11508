namespace SecuConnect.Sandbox.Query;

/// <summary>a AND b (also two adjacent terms).</summary>
public sealed class AndNode<T>(QueryNode<T> left, QueryNode<T> right) : QueryNode<T>
{
    public override bool Matches(T record) => left.Matches(record) && right.Matches(record);
}
