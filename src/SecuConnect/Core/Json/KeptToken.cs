#nullable enable
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SecuConnect.Core
{
    /// <summary>
    /// A modelled member that came in a JSON type its model does not expect (an object, an array, a number or true/false
    /// where text belongs): the token exactly as it came, to be written back unchanged, and the text that shows it. The
    /// rule every resource follows: the value shows as its compact JSON (<c>{"mobile":"+49…"}</c>, <c>[1,2]</c>,
    /// <c>42</c>, <c>true</c>); a write that does not change the member sends the token as it came, never text; a
    /// write that changes it sends the model's type. Immutable (the token is never changed after reading), so a
    /// copied model may share it. No resource type.
    /// </summary>
    internal sealed class KeptToken
    {
        private KeptToken(JToken token)
        {
            Token = token;
            Text = token.ToString(Formatting.None);
        }

        /// <summary>The value as it came.</summary>
        public JToken Token { get; }

        /// <summary>The value's compact JSON: what a text property shows, and what a given value is compared with.</summary>
        public string Text { get; }

        /// <summary>The value's JSON type in words ("an object", "a number"), for warnings: never the value (personal data).</summary>
        public string Shape => ShapeOf(Token.Type);

        /// <summary>Reads the value the reader is on (its first token: a scalar, StartObject or StartArray) and keeps it.</summary>
        public static KeptToken Read(JsonReader r) => new KeptToken(JToken.ReadFrom(r));

        /// <summary>Keeps a token read elsewhere (a -Contact the module wrote, after a round trip through PowerShell).</summary>
        public static KeptToken Of(JToken token) => new KeptToken(token);

        public void WriteTo(JsonWriter w) => Token.WriteTo(w);

        /// <summary>A JSON type in words, as warnings name it.</summary>
        public static string ShapeOf(JTokenType type)
        {
            switch (type)
            {
                case JTokenType.Object: return "an object";
                case JTokenType.Array: return "an array";
                case JTokenType.Integer:
                case JTokenType.Float: return "a number";
                case JTokenType.Boolean: return "true/false";
                case JTokenType.String: return "text";
                default: return type.ToString();
            }
        }
    }
}
