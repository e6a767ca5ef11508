using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Query;

/// <summary>field:value — a case-insensitive match of the whole value, with * and ? wildcards.</summary>
public sealed class TermNode : QueryNode
{
    private readonly Func<CustomerRecord, string?>? _field;
    private readonly WildcardPattern _pattern;

    public TermNode(string field, WildcardPattern pattern)
    {
        _field = FieldPaths.Resolve(field);
        _pattern = pattern;
    }

    public override bool Matches(CustomerRecord record) =>
        _field != null && _field(record) is { } v && _pattern.IsMatch(v);
}
