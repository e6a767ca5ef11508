using System.Text.Json.Serialization;

namespace SecuConnect.Sandbox.Models;

/// <summary>The serializer context used on the wire: the generated metadata with relaxed escaping (no \u0022).</summary>
public static class SandboxJson
{
    public static readonly SandboxJsonContext Context = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    });
}
