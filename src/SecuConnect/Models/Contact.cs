using Newtonsoft.Json;

namespace SecuConnect.Models
{
    /// <summary>The contact of a payment customer. <see cref="Name"/> is computed by the server.</summary>
    public sealed class Contact
    {
        [JsonProperty("name")] public string Name { get; set; }
        [JsonProperty("forename")] public string Forename { get; set; }
        [JsonProperty("surname")] public string Surname { get; set; }
        [JsonProperty("companyname")] public string CompanyName { get; set; }
        [JsonProperty("salutation")] public string Salutation { get; set; }
        [JsonProperty("gender")] public string Gender { get; set; }
        [JsonProperty("title")] public string Title { get; set; }
        [JsonProperty("email")] public string Email { get; set; }
        [JsonProperty("phone")] public string Phone { get; set; }
        [JsonProperty("mobile")] public string Mobile { get; set; }
        [JsonProperty("fax")] public string Fax { get; set; }
        [JsonProperty("dob")] public string Dob { get; set; }
        [JsonProperty("picture")] public string Picture { get; set; }
        [JsonProperty("url_website")] public string UrlWebsite { get; set; }
        [JsonProperty("birthplace")] public string Birthplace { get; set; }
        [JsonProperty("nationality")] public string Nationality { get; set; }
        [JsonProperty("address")] public Address Address { get; set; }

        /// <summary>A deep copy, so a merge never alters the record it started from.</summary>
        public Contact Clone()
        {
            var copy = (Contact)MemberwiseClone();
            copy.Address = Address?.Clone();
            return copy;
        }
    }
}
