using System.Collections.Generic;
using Newtonsoft.Json;

using SecuConnect.Core;

namespace SecuConnect.Customers
{
    /// <summary>One page of a listing. <see cref="Count"/> is the total number of matches, not the page length.</summary>
    internal sealed class CustomerPage
    {
        [JsonProperty("count")] public long? Count { get; set; }
        [JsonProperty("data")] public List<PaymentCustomer>? Data { get; set; }
        [JsonProperty("scroll_id")] public string? ScrollId { get; set; }
    }
}
