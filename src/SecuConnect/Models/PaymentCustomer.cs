using Newtonsoft.Json;

namespace SecuConnect.Models
{
    /// <summary>A payment customer as the API returns it. Timestamps stay strings here; Output types them.</summary>
    public sealed class PaymentCustomer
    {
        [JsonProperty("object")] public string Object { get; set; }
        [JsonProperty("id")] public string Id { get; set; }
        [JsonProperty("contract")] public ProductInstanceUid Contract { get; set; }
        [JsonProperty("merchant")] public ProductInstanceUid Merchant { get; set; }
        [JsonProperty("contact")] public Contact Contact { get; set; }
        [JsonProperty("created")] public string Created { get; set; }
        [JsonProperty("updated")] public string Updated { get; set; }
    }
}
