using System.Text.Json.Serialization;

namespace SecuConnect.Sandbox.Models;

/// <summary>Body of GET /health.</summary>
public sealed record HealthStatus([property: JsonPropertyName("status")] string Status);
