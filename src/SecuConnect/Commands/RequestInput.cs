using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Api;

namespace SecuConnect.Commands
{
    /// <summary>
    /// The -Body and -Query of Invoke-SecuConnectRequest as the API takes them: objects become JSON with their names as
    /// given (the API's snake_case names pass through unchanged), a string is sent as it is once it parses as JSON, and
    /// query values become invariant-culture text.
    /// </summary>
    internal static class RequestInput
    {
        /// <summary>How deep a body may nest; deeper is almost certainly an object that refers to itself.</summary>
        public const int MaxDepth = 32;

        /// <summary>The JSON text to send for a -Body value, or null for none.</summary>
        /// <exception cref="ArgumentException">The value cannot be sent as JSON (the message says why).</exception>
        public static string BodyJson(object body)
        {
            body = Unwrap(body);
            if (body == null) return null;
            if (body is string text)
            {
                try
                {
                    SecuJson.Parse(text);
                }
                catch (JsonException ex)
                {
                    throw new ArgumentException("-Body is a string, so it is sent as it is, but it is not JSON: " + ex.Message +
                        " Pass a hashtable or an object to have it converted, or a JSON string.");
                }
                return text;
            }
            return ToJson(body, 0).ToString(Formatting.None);
        }

        /// <summary>A PowerShell value as JSON, names as given and values keeping their JSON type.</summary>
        public static JToken ToJson(object value, int depth)
        {
            if (depth > MaxDepth)
                throw new ArgumentException($"-Body is nested more than {MaxDepth} levels deep; an object that refers to itself cannot be sent as JSON.");
            value = Unwrap(value);
            switch (value)
            {
                case null:
                    return JValue.CreateNull();
                case string s:
                    return new JValue(s);
                case char c:
                    return new JValue(c.ToString());
                case bool b:
                    return new JValue(b);
                case DateTime dt:
                    return new JValue(DateText(dt));
                case DateTimeOffset dto:
                    return new JValue(dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                case Enum e:
                    return new JValue(e.ToString());
                case Guid g:
                    return new JValue(g.ToString());
                case Uri u:
                    return new JValue(u.OriginalString);
                case SecureString _:
                    throw new ArgumentException("-Body holds a SecureString, which is never sent in clear text by this module. Convert the value yourself if the API needs it.");
                case byte[] bytes:
                    // The API takes file contents (documents, pictures) as base64 text.
                    return new JValue(Convert.ToBase64String(bytes));
                case IFormattable _ when value.GetType().IsPrimitive || value is decimal:
                    return new JValue(value);
                case IDictionary dict:
                {
                    var obj = new JObject();
                    foreach (DictionaryEntry entry in dict)
                        obj[Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture)] = ToJson(entry.Value, depth + 1);
                    return obj;
                }
                case PSObject pso:
                    return Members(pso, depth);
                case IEnumerable items:
                {
                    var array = new JArray();
                    foreach (var item in items) array.Add(ToJson(item, depth + 1));
                    return array;
                }
                default:
                    return Members(PSObject.AsPSObject(value), depth);
            }
        }

        /// <summary>-Query as pairs: null values left out, lists joined with commas, dates as ISO 8601, all else invariant text.</summary>
        /// <exception cref="ArgumentException">A value that is itself a table or object.</exception>
        public static List<KeyValuePair<string, string>> Query(IDictionary query)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (query == null) return pairs;
            foreach (DictionaryEntry entry in query)
            {
                string key = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture);
                object value = Unwrap(entry.Value);
                if (value == null) continue;
                string text;
                if (value is string s) text = s;
                else if (!(value is IDictionary) && value is IEnumerable items)
                {
                    var parts = new List<string>();
                    foreach (var item in items) parts.Add(QueryValue(key, Unwrap(item)));
                    text = string.Join(",", parts);
                }
                else text = QueryValue(key, value);
                pairs.Add(new KeyValuePair<string, string>(key, text));
            }
            return pairs;
        }

        private static string QueryValue(string key, object value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case DateTime dt: return DateText(dt);
                case DateTimeOffset dto: return dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                case IDictionary _:
                case PSObject _:
                    throw new ArgumentException($"-Query's '{key}' must be a value or a list of values, not a table or an object.");
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        /// <summary>A date without time or zone (as [datetime]'1901-02-03' gives) as yyyy-MM-dd, else ISO 8601 with its offset.</summary>
        private static string DateText(DateTime dt)
        {
            if (dt.Kind == DateTimeKind.Unspecified && dt.TimeOfDay == TimeSpan.Zero)
                return dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (dt.Kind == DateTimeKind.Unspecified)
                return dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            return new DateTimeOffset(dt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        private static JObject Members(PSObject pso, int depth)
        {
            var obj = new JObject();
            foreach (var p in pso.Properties)
            {
                if (p.MemberType != PSMemberTypes.NoteProperty && p.MemberType != PSMemberTypes.Property) continue;
                obj[p.Name] = ToJson(p.Value, depth + 1);
            }
            return obj;
        }

        // A PSObject around a .NET value is that value; a PSCustomObject stays a PSObject (its members are the data).
        private static object Unwrap(object value) => value is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : value;
    }
}
