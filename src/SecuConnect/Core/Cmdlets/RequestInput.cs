using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http.Headers;
using System.Security;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;

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
        public static string? BodyJson(object? body) => BodyText(body, null);

        /// <summary>
        /// The text to send for a -Body value of the media type <paramref name="contentType"/> (null: JSON). A string of
        /// another type is sent as it is; a table or object is only ever sent as JSON.
        /// </summary>
        /// <exception cref="ArgumentException">The value cannot be sent as that type (the message says why).</exception>
        public static string? BodyText(object? body, MediaTypeHeaderValue? contentType)
        {
            body = InputValues.Unwrap(body);
            if (body == null) return null;
            if (contentType != null && !IsJson(contentType))
            {
                if (body is string plain) return plain;
                throw new ArgumentException($"-Body is a table or object, which is sent as JSON, but -ContentType is {contentType.MediaType}. " +
                    "Pass the body as a string in that format, or leave out -ContentType.");
            }
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

        /// <summary>A -ContentType value as a media type, with the charset the body is written in (UTF-8) when it names none.</summary>
        /// <exception cref="ArgumentException">Not a media type.</exception>
        public static MediaTypeHeaderValue ContentType(string value)
        {
            if (!MediaTypeHeaderValue.TryParse(value?.Trim(), out var type) || type.MediaType == null || type.MediaType.IndexOf('/') <= 0)
                throw new ArgumentException($"'{value}' is not a media type such as text/plain or application/xml.");
            if (type.CharSet == null) type.CharSet = "utf-8";
            return type;
        }

        /// <summary>application/json and its +json relatives (application/merge-patch+json).</summary>
        public static bool IsJson(MediaTypeHeaderValue type) =>
            string.Equals(type.MediaType, "application/json", StringComparison.OrdinalIgnoreCase) ||
            type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

        /// <summary>-Headers as pairs, each checked; a list value becomes one header per item. Content-Type is left to the caller.</summary>
        /// <exception cref="ArgumentException">A header the session owns, or one HTTP does not allow.</exception>
        public static List<KeyValuePair<string, string>> Headers(IDictionary? headers, out string? contentType)
        {
            contentType = null;
            var pairs = new List<KeyValuePair<string, string>>();
            if (headers == null) return pairs;
            foreach (DictionaryEntry entry in headers)
            {
                string name = Convert.ToString(InputValues.Unwrap(entry.Key), CultureInfo.InvariantCulture)!.Trim(); // a dictionary key is never null
                object value = InputValues.Unwrap(entry.Value);
                var values = new List<string>();
                if (!(value is string) && value is IEnumerable items)
                    foreach (var item in items) values.Add(Convert.ToString(InputValues.Unwrap(item), CultureInfo.InvariantCulture));
                else values.Add(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                foreach (var text in values)
                {
                    RequestHeaders.Check(name, text);
                    if (string.Equals(name, RequestHeaders.ContentTypeName, StringComparison.OrdinalIgnoreCase)) contentType = text;
                    else pairs.Add(new KeyValuePair<string, string>(name, text));
                }
            }
            return pairs;
        }

        /// <summary>-Query as pairs: null values left out, lists joined with commas, dates as ISO 8601, all else invariant text.</summary>
        /// <exception cref="ArgumentException">A value that is itself a table or object.</exception>
        public static List<KeyValuePair<string, string>> Query(IDictionary? query)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (query == null) return pairs;
            foreach (DictionaryEntry entry in query)
            {
                string key = Convert.ToString(InputValues.Unwrap(entry.Key), CultureInfo.InvariantCulture);
                object value = InputValues.Unwrap(entry.Value);
                if (value == null) continue;
                string text;
                if (value is string s) text = s;
                else if (!(value is IDictionary) && value is IEnumerable items)
                {
                    var parts = new List<string>();
                    foreach (var item in items) parts.Add(QueryValue(key, InputValues.Unwrap(item)));
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
