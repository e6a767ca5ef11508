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
        /// <summary>The JSON text to send for a -Body value, or null for none.</summary>
        /// <exception cref="ArgumentException">The value cannot be sent as JSON (the message says why).</exception>
        public static string BodyJson(object body)
        {
            body = CustomerInput.Unwrap(body);
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
            return PowerShellJson.From(body, "-Body").ToString(Formatting.None);
        }

        /// <summary>-Query as pairs: null values left out, lists joined with commas, dates as ISO 8601, all else invariant text.</summary>
        /// <exception cref="ArgumentException">A value that is itself a table or object.</exception>
        public static List<KeyValuePair<string, string>> Query(IDictionary query)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (query == null) return pairs;
            foreach (DictionaryEntry entry in query)
            {
                string key = Convert.ToString(CustomerInput.Unwrap(entry.Key), CultureInfo.InvariantCulture);
                object value = CustomerInput.Unwrap(entry.Value);
                if (value == null) continue;
                string text;
                if (value is string s) text = s;
                else if (!(value is IDictionary) && value is IEnumerable items)
                {
                    var parts = new List<string>();
                    foreach (var item in items) parts.Add(QueryValue(key, CustomerInput.Unwrap(item)));
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
                case DateTime dt: return PowerShellJson.DateText(dt);
                case DateTimeOffset dto: return dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                case IDictionary _:
                case PSObject _:
                    throw new ArgumentException($"-Query's '{key}' must be a value or a list of values, not a table or an object.");
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

    }
}
