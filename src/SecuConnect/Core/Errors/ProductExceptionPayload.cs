using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SecuConnect.Core
{
    /// <summary>
    /// An error body: the API's payload (error, error_details, code, supportId) or the OAuth shape
    /// (error, error_description). <c>code</c> arrives as a number or a string.
    /// </summary>
    internal sealed class ProductExceptionPayload
    {
        [JsonProperty("status")] public string? Status { get; set; }
        [JsonProperty("error")] public string? Error { get; set; }
        [JsonProperty("error_details")] public string? ErrorDetails { get; set; }
        [JsonProperty("error_user")] public string? ErrorUser { get; set; }
        [JsonProperty("error_description")] public string? ErrorDescription { get; set; }
        [JsonProperty("code")] public JToken? Code { get; set; }
        [JsonProperty("supportId")] public string? SupportId { get; set; }

        [JsonIgnore]
        public string? CodeText
        {
            get
            {
                if (Code == null || Code.Type == JTokenType.Null) return null;
                if (Code.Type == JTokenType.String) return (string?)Code;
                if (Code.Type == JTokenType.Integer) return ((long)Code).ToString(CultureInfo.InvariantCulture);
                return Code.ToString(Formatting.None);
            }
        }
    }
}
