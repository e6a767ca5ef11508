namespace SecuConnect.Sandbox.Models;

/// <summary>One request log line of /_sandbox/requests.</summary>
public sealed class RequestLogView
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required string Query { get; init; }
    public int Status { get; init; }
    public required string At { get; init; }
}
