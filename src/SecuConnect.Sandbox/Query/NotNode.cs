namespace SecuConnect.Sandbox.Query;

/// <summary>NOT a.</summary>
public sealed class NotNode<T>(QueryNode<T> inner) : QueryNode<T>
{
    public override bool Matches(T record) => !inner.Matches(record);
}
