using Newtonsoft.Json;

namespace SecuConnect.Core
{
    /// <summary>A reference to another object of the API, such as a contract or a merchant.</summary>
    internal sealed class ProductInstanceUid
    {
        [JsonProperty("object")] public string? Object { get; set; }
        [JsonProperty("id")] public string? Id { get; set; }
    }
}
