using System.Text.Json.Serialization;

namespace SecuConnect.Sandbox.Models;

/// <summary>RFC 6749 error body of /oauth/token.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
