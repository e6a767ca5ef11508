using Newtonsoft.Json;

namespace SecuConnect.Models
{
    /// <summary>The postal address of a payment customer's contact (wire names are snake_case).</summary>
    public sealed class Address
    {
        [JsonProperty("type")] public string Type { get; set; }
        [JsonProperty("street")] public string Street { get; set; }
        [JsonProperty("street_number")] public string StreetNumber { get; set; }
        [JsonProperty("postal_code")] public string PostalCode { get; set; }
        [JsonProperty("city")] public string City { get; set; }
        [JsonProperty("country")] public string Country { get; set; }
        [JsonProperty("additional_address_data")] public string AdditionalAddressData { get; set; }

        public Address Clone() => (Address)MemberwiseClone();

        /// <summary>True when no field holds a value; such an address is not sent at all.</summary>
        [JsonIgnore]
        public bool IsEmpty =>
            string.IsNullOrEmpty(Type) && string.IsNullOrEmpty(Street) && string.IsNullOrEmpty(StreetNumber) &&
            string.IsNullOrEmpty(PostalCode) && string.IsNullOrEmpty(City) && string.IsNullOrEmpty(Country) &&
            string.IsNullOrEmpty(AdditionalAddressData);
    }
}
