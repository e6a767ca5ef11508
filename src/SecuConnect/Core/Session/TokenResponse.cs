using Newtonsoft.Json;

namespace SecuConnect.Core
{
    /// <summary>The answer of the client-credentials grant. There is no refresh token.</summary>
    internal sealed class TokenResponse
    {
        [JsonProperty("access_token")] public string? AccessToken { get; set; }
        [JsonProperty("expires_in")] public long? ExpiresIn { get; set; }
        [JsonProperty("token_type")] public string? TokenType { get; set; }
        [JsonProperty("scope")] public string? Scope { get; set; }
    }
}
