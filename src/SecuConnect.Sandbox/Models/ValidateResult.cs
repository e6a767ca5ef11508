using System.Text.Json.Serialization;

namespace SecuConnect.Sandbox.Models;

/// <summary>Answer of a list call with validate.</summary>
public sealed record ValidateResult([property: JsonPropertyName("result")] bool Result);
