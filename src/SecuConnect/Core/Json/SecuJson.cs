using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SecuConnect.Core
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

        public static T? Deserialize<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings);

        public static T? ToObject<T>(JToken token) => token.ToObject<T>(Serializer);

        /// <summary>
        /// A reader over a UTF-8 JSON stream (a BOM, if any, picks the encoding) that does not turn date-like strings
        /// into dates. Disposing it closes the stream. The buffer is allocated per answer: size it to the answer.
        /// </summary>
        public static JsonTextReader Reader(System.IO.Stream stream, int bufferSize) =>
            new JsonTextReader(new System.IO.StreamReader(stream, System.Text.Encoding.UTF8, true, bufferSize))
            {
                DateParseHandling = DateParseHandling.None,
                MaxDepth = 64,
            };

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
