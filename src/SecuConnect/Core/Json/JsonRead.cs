using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;

namespace SecuConnect.Core
{
    /// <summary>
    /// A model's known JSON members, each name with the code that reads its value into the model: an exact match
    /// first, else one ignoring case. The hand-written readers (<see cref="JsonRead"/>) look a member up here instead of
    /// keeping parallel name lists and switch positions in step.
    /// </summary>
    internal sealed class JsonMemberMap<T>
    {
        private readonly Dictionary<string, Action<JsonReader, T>> _exact = new Dictionary<string, Action<JsonReader, T>>(StringComparer.Ordinal);
        private readonly Dictionary<string, Action<JsonReader, T>> _caseless = new Dictionary<string, Action<JsonReader, T>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Adds a member; the first one added wins a match that ignores case.</summary>
        public JsonMemberMap<T> Add(string name, Action<JsonReader, T> read)
        {
            _exact.Add(name, read);
            if (!_caseless.ContainsKey(name)) _caseless.Add(name, read);
            return this;
        }

        /// <summary>Reads the member's value into <paramref name="target"/>; false (nothing read) for a name not in the map.</summary>
        public bool TryRead(string name, JsonReader r, T target)
        {
            if (!_exact.TryGetValue(name, out var read) && !_caseless.TryGetValue(name, out read)) return false;
            read(r, target);
            return true;
        }
    }

    /// <summary>
    /// Reading JSON token by token, for the models every resource shares: members, nested objects (PHP's [] for an
    /// empty map included), text, whole numbers, uids, and members kept as raw JSON. Throws a JsonException for
    /// anything that is not the API's shape.
    /// </summary>
    internal static class JsonRead
    {
        private static readonly JsonMemberMap<ProductInstanceUid> UidMembers = new JsonMemberMap<ProductInstanceUid>()
            .Add("object", (r, uid) => uid.Object = ReadString(r))
            .Add("id", (r, uid) => uid.Id = ReadTextOrKeep(r, out _));

        /// <summary>Keeps a member the module does not model as raw JSON (nested objects and arrays included).</summary>
        public static JObject Keep(JObject? members, string name, JsonReader r)
        {
            Advance(r);
            var value = JToken.ReadFrom(r);
            members = members ?? new JObject();
            members[name] = value;
            return members;
        }

        public static ProductInstanceUid? ReadUid(JsonReader r)
        {
            if (!ReadNested(r)) return null;
            var uid = new ProductInstanceUid();
            while (NextProperty(r, out string? name))
                if (!UidMembers.TryRead(name, r, uid)) Skip(r);
            return uid;
        }

        /// <summary>
        /// Reads a reference ({object, id}) as it comes: an object as usual; null or [] as none; text as the id alone (as
        /// older API versions send a contract); any other shape as its compact JSON in <see cref="ProductInstanceUid.Id"/>.
        /// Every shape but an object is noted under <paramref name="path"/>.
        /// </summary>
        public static ProductInstanceUid? ReadUid(JsonReader r, string path, ref ShapeNotes? notes)
        {
            if (r.TokenType == JsonToken.PropertyName) Advance(r);
            switch (r.TokenType)
            {
                case JsonToken.Null:
                case JsonToken.Undefined:
                    return null;
                case JsonToken.StartObject:
                    var uid = new ProductInstanceUid();
                    while (NextProperty(r, out string? name))
                        if (!UidMembers.TryRead(name, r, uid)) Skip(r);
                    return uid;
                case JsonToken.String:
                    ShapeNotes.Note(ref notes, path, "text", "an object");
                    return new ProductInstanceUid { Id = (string?)r.Value };
                default:
                    var kept = KeptToken.Read(r);
                    // PHP encodes an empty map as []: absent, as ReadNested reads it.
                    if (kept.Token is JArray a && a.Count == 0) return null;
                    ShapeNotes.Note(ref notes, path, kept.Shape, "an object");
                    return new ProductInstanceUid { Id = kept.Text };
            }
        }

        /// <summary>
        /// Reads a text member as it comes: text and null as <see cref="ReadString"/> does; an object, an array, a number
        /// or true/false is kept exactly (<paramref name="kept"/>) and its compact JSON returned. Text, the common case,
        /// allocates nothing more than <see cref="ReadString"/>.
        /// </summary>
        public static string? ReadTextOrKeep(JsonReader r, out KeptToken? kept)
        {
            Advance(r);
            kept = null;
            switch (r.TokenType)
            {
                case JsonToken.Null:
                case JsonToken.Undefined:
                    return null;
                case JsonToken.String:
                    return (string?)r.Value;
                case JsonToken.Integer:
                case JsonToken.Float:
                case JsonToken.Boolean:
                case JsonToken.StartObject:
                case JsonToken.StartArray:
                    kept = KeptToken.Read(r);
                    return kept.Text;
                default:
                    throw Unexpected(r, "text");
            }
        }

        /// <summary>Moves to a nested object's value: true when it starts an object, false for null.</summary>
        public static bool ReadNested(JsonReader r)
        {
            if (r.TokenType == JsonToken.PropertyName) Advance(r);
            if (r.TokenType == JsonToken.Null) return false;
            if (r.TokenType == JsonToken.StartArray)
            {
                // PHP encodes an empty map as []: an empty array where an object belongs means absent.
                Advance(r);
                if (r.TokenType == JsonToken.EndArray) return false;
                throw Unexpected(r, "an object");
            }
            Expect(r, JsonToken.StartObject, "an object");
            return true;
        }

        /// <summary>Moves to the next property of the current object: false at its end.</summary>
        public static bool NextProperty(JsonReader r, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
        {
            Advance(r);
            while (r.TokenType == JsonToken.Comment) Advance(r);
            if (r.TokenType == JsonToken.EndObject)
            {
                name = null;
                return false;
            }
            Expect(r, JsonToken.PropertyName, "a property");
            name = (string)r.Value!; // a property token carries its name
            return true;
        }

        public static string? ReadString(JsonReader r)
        {
            Advance(r);
            switch (r.TokenType)
            {
                case JsonToken.Null:
                case JsonToken.Undefined:
                    return null;
                case JsonToken.String:
                    return (string?)r.Value;
                case JsonToken.Boolean:
                    return (bool)r.Value! ? "true" : "false"; // a boolean token carries its value
                case JsonToken.Integer:
                case JsonToken.Float:
                    return Convert.ToString(r.Value, CultureInfo.InvariantCulture);
                default:
                    throw Unexpected(r, "text");
            }
        }

        public static long? ReadLong(JsonReader r)
        {
            Advance(r);
            switch (r.TokenType)
            {
                case JsonToken.Null:
                    return null;
                case JsonToken.Integer:
                    return Convert.ToInt64(r.Value, CultureInfo.InvariantCulture);
                case JsonToken.String when long.TryParse((string?)r.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n):
                    return n;
                default:
                    throw Unexpected(r, "a whole number");
            }
        }

        public static void Skip(JsonReader r)
        {
            Advance(r);
            r.Skip();
        }

        public static void Advance(JsonReader r)
        {
            if (!r.Read()) throw new JsonReaderException("The answer ends early, at " + r.Path + ".");
        }

        public static void Expect(JsonReader r, JsonToken token, string what)
        {
            if (r.TokenType != token) throw Unexpected(r, what);
        }

        public static JsonSerializationException Unexpected(JsonReader r, string what) =>
            new JsonSerializationException($"Expected {what} at '{r.Path}', found {r.TokenType}.");
    }
}
