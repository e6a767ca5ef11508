using System.Text.Json.Serialization;

namespace SecuConnect.Sandbox.Models;

/// <summary>Source-generated serializers: no reflection on the request path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ErrorPayload))]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ValidateResult))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(SettingsBody))]
[JsonSerializable(typeof(FaultSpec))]
[JsonSerializable(typeof(List<FaultSpec>))]
[JsonSerializable(typeof(List<RequestLogView>))]
public sealed partial class SandboxJsonContext : JsonSerializerContext
{
}
