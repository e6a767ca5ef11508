namespace SecuConnect.Sandbox.Query;

/// <summary>field:value — a case-insensitive match of the whole value, with * and ? wildcards.</summary>
public sealed class TermNode<T>(Func<T, string?>? field, WildcardPattern pattern) : QueryNode<T>
{
    public override bool Matches(T record) =>
        field != null && field(record) is { } v && pattern.IsMatch(v);
}
