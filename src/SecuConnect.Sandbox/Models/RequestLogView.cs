using System.Text.Json.Serialization;

namespace SecuConnect.Sandbox.Models;

/// <summary>One request log line of /_sandbox/requests.</summary>
public sealed class RequestLogView
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required string Query { get; init; }
    /// <summary>The answer's status; 0 when the connection was dropped; null while the request is being served.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Status { get; init; }
    public required string At { get; init; }
    /// <summary>While shape overrides are on, a create's or update's values at their paths as raw JSON; left out otherwise.</summary>
    public IReadOnlyDictionary<string, string?>? Shapes { get; init; }
}
