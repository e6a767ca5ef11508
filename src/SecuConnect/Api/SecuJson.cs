using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SecuConnect.Api
{
    /// <summary>
    /// The module's own serializer settings. The process-wide JsonConvert.DefaultSettings belong to the host
    /// and other modules, so they are never read or changed.
    /// </summary>
    internal static class SecuJson
    {
        public static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            DateParseHandling = DateParseHandling.None,
            TypeNameHandling = TypeNameHandling.None,
            MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
            Formatting = Formatting.None,
            MaxDepth = 64,
        };

        public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

        public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

        public static T Deserialize<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings);

        public static T ToObject<T>(JToken token) => token.ToObject<T>(Serializer);

        /// <summary>Parses JSON without turning date-like strings into dates.</summary>
        public static JToken Parse(string json)
        {
            using (var reader = new JsonTextReader(new System.IO.StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 })
            {
                return JToken.ReadFrom(reader);
            }
        }
    }
}
