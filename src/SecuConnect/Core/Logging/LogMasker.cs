using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SecuConnect.Core
{
    /// <summary>
    /// Masks secrets, tokens and the resources' personal data before a body or URL reaches Verbose or Debug,
    /// which end up in transcripts and CI logs. Each resource names its personal members in its
    /// <see cref="ResourceDescriptor"/>; a body is masked for all of them, as Invoke-SecuConnectRequest may send any.
    /// </summary>
    internal static class LogMasker
    {
        public const string Mask = "***";
        private const int MaxLength = 4000;

        /// <summary>How much of a body that is not JSON Debug shows: its fields cannot be told apart, so only its start.</summary>
        public const int TextPreviewLength = 200;

        // Secrets, and the resources' personal members under their wire names (anywhere in a body).
        private static readonly HashSet<string> SensitiveKeys = BuildSensitiveKeys();

        // Objects whose every value is personal (a customer's contact), each with its members that are not; members
        // the module does not model are masked too.
        private static readonly Dictionary<string, HashSet<string>> PersonalObjects = BuildPersonalObjects();

        private static readonly HashSet<string> NoPlainKeys = new HashSet<string>();

        // Query parameters whose values may carry personal data (a filter on an email address, for one).
        private static readonly HashSet<string> SensitiveQueryKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "client_secret", "access_token",
        };

        // An address written as is, or percent-encoded (ada%40example.com in a path, a query or a form body).
        private static readonly Regex EmailLike = new Regex(@"[^\s@""'=&:,;<>()\[\]{}]+(?:@|%40)[^\s@""'=&:,;<>()\[\]{}]+", RegexOptions.CultureInvariant);

        /// <summary>Masks a JSON or form body; anything else is cut short and scrubbed of email addresses.</summary>
        [return: NotNullIfNotNull("body")]
        public static string? MaskBody(string? body) => MaskBody(body, MaxLength);

        /// <summary><see cref="MaskBody(string)"/>, cut after <paramref name="maxLength"/> characters.</summary>
        [return: NotNullIfNotNull("body")]
        public static string? MaskBody(string? body, int maxLength)
        {
            if (body == null || body.Length == 0) return body;
            string trimmed = body.TrimStart();
            if (trimmed.StartsWith("{", StringComparison.Ordinal) || trimmed.StartsWith("[", StringComparison.Ordinal))
            {
                try
                {
                    JToken token = SecuJson.Parse(body);
                    MaskToken(token);
                    return Truncate(ScrubEmails(token.ToString(Formatting.None)), maxLength);
                }
                catch (JsonException)
                {
                    // Not JSON after all: fall through to the plain-text path.
                }
            }
            if (body.IndexOf('=') >= 0 && body.IndexOf(' ') < 0) return Truncate(ScrubEmails(MaskQuery(body)), maxLength);
            return Truncate(ScrubEmails(body), maxLength);
        }

        /// <summary>The URL with sensitive query values masked (filters may name an email or a person).</summary>
        public static string MaskUrl(Uri uri)
        {
            if (uri == null) return string.Empty;
            string text = uri.ToString();
            int q = text.IndexOf('?');
            if (q < 0) return text;
            return text.Substring(0, q + 1) + MaskQuery(text.Substring(q + 1));
        }

        /// <summary>
        /// A proxy or server address as scheme, host and port only: user info in a URI may be a password
        /// (http://user:pass@proxy:3128), so it is never shown. A relative value keeps what follows its last '@'.
        /// </summary>
        public static Uri? WithoutUserInfo(Uri uri)
        {
            if (uri == null || !uri.IsAbsoluteUri) return uri;
            if (string.IsNullOrEmpty(uri.UserInfo) && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)) return uri;
            return Uri.TryCreate(uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped), UriKind.Absolute, out var shown) ? shown : null;
        }

        /// <summary>The text of <see cref="WithoutUserInfo"/>, also for a value that is not an absolute URI.</summary>
        public static string ShowAddress(Uri uri)
        {
            if (uri == null) return string.Empty;
            if (uri.IsAbsoluteUri) return WithoutUserInfo(uri)?.ToString() ?? uri.Scheme + "://";
            string text = uri.OriginalString;
            return text.Substring(text.LastIndexOf('@') + 1);
        }

        /// <summary>
        /// A path or URL as Invoke-SecuConnectRequest was given it, for its messages: sensitive query values masked, user
        /// info dropped, e-mail addresses scrubbed from the rest.
        /// </summary>
        [return: NotNullIfNotNull("path")]
        public static string? MaskPath(string? path)
        {
            if (path == null || path.Length == 0) return path;
            string text = path;
            if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && !string.IsNullOrEmpty(absolute.UserInfo))
            {
                int at = text.IndexOf('@');
                int scheme = text.IndexOf("://", StringComparison.Ordinal);
                if (scheme >= 0 && at > scheme) text = text.Substring(0, scheme + 3) + text.Substring(at + 1);
            }
            int q = text.IndexOf('?');
            string head = q < 0 ? text : text.Substring(0, q);
            string segments = string.Join("/", head.Split('/').Select(ScrubEmails));
            return segments + (q < 0 ? string.Empty : "?" + ScrubEmails(MaskQuery(text.Substring(q + 1))));
        }

        private static string MaskQuery(string query)
        {
            var parts = query.Split('&');
            for (int i = 0; i < parts.Length; i++)
            {
                int eq = parts[i].IndexOf('=');
                string key = eq < 0 ? parts[i] : parts[i].Substring(0, eq);
                if (eq < 0) continue;
                if (key == "q") parts[i] = key + "=" + MaskFilter(Uri.UnescapeDataString(parts[i].Substring(eq + 1)));
                else if (SensitiveQueryKeys.Contains(key) || SensitiveKeys.Contains(key)) parts[i] = key + "=" + Mask;
            }
            return string.Join("&", parts);
        }

        private static readonly Regex FieldPath = new Regex(@"^[A-Za-z_][A-Za-z0-9_.]*$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A query (q) with its field paths, operators and parentheses kept and every value masked
        /// (contact.address.city:*** AND NOT contact.surname:***), so a user sees how names were translated.
        /// </summary>
        internal static string MaskFilter(string query)
        {
            var sb = new StringBuilder(query.Length);
            int i = 0;
            while (i < query.Length)
            {
                char c = query[i];
                if (char.IsWhiteSpace(c) || c == '(' || c == ')' || ((c == '!' || c == '-') && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1])))
                {
                    sb.Append(c);
                    i++;
                    continue;
                }
                int start = i;
                while (i < query.Length && query[i] != ':' && !char.IsWhiteSpace(query[i]) && query[i] != '(' && query[i] != ')') i++;
                string word = query.Substring(start, i - start);
                bool term = i < query.Length && query[i] == ':';
                bool op = word == "&&" || word == "||" || word.Equals("AND", StringComparison.OrdinalIgnoreCase) ||
                          word.Equals("OR", StringComparison.OrdinalIgnoreCase) || word.Equals("NOT", StringComparison.OrdinalIgnoreCase);
                if (term && FieldPath.IsMatch(word)) sb.Append(word).Append(':').Append(Mask);
                else sb.Append(op && !term ? word : Mask);
                if (term) i = SkipValue(query, i + 1);
            }
            return sb.ToString();
        }

        /// <summary>The position after a term's value: a quoted text, a [range], a (group) or a word.</summary>
        private static int SkipValue(string query, int i)
        {
            if (i >= query.Length) return i;
            char open = query[i];
            if (open == '"')
            {
                i++;
                while (i < query.Length && (query[i] != '"' || query[i - 1] == '\\')) i++;
                return Math.Min(i + 1, query.Length);
            }
            if (open == '[' || open == '{')
            {
                while (i < query.Length && query[i] != ']' && query[i] != '}') i++;
                return Math.Min(i + 1, query.Length);
            }
            if (open == '(')
            {
                int depth = 0;
                do
                {
                    if (query[i] == '(') depth++;
                    else if (query[i] == ')') depth--;
                    i++;
                }
                while (i < query.Length && depth > 0);
                return i;
            }
            while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] != ')')
            {
                if (query[i] == '\\') i++;
                i++;
            }
            return Math.Min(i, query.Length);
        }

        /// <summary>Masks in place; <paramref name="plainKeys"/> is set inside a personal object and names what stays readable.</summary>
        private static void MaskToken(JToken token, HashSet<string>? plainKeys = null)
        {
            bool inPersonal = plainKeys != null;
            if (token is JObject obj)
            {
                foreach (var property in obj.Properties())
                {
                    bool container = property.Value.Type == JTokenType.Object || property.Value.Type == JTokenType.Array;
                    bool sensitive = SensitiveKeys.Contains(property.Name) || (plainKeys != null && !plainKeys.Contains(property.Name));
                    // A secret held in an object or array ({"password":{"new":"x"}}) has every value inside masked.
                    var inner = plainKeys ?? (PersonalObjects.TryGetValue(property.Name, out var plain) ? plain : sensitive ? NoPlainKeys : null);
                    if (sensitive && !container)
                    {
                        if (property.Value.Type != JTokenType.Null) property.Value = Mask;
                    }
                    else
                    {
                        MaskToken(property.Value, inner);
                    }
                }
            }
            else if (token is JArray array)
            {
                for (int i = 0; i < array.Count; i++)
                {
                    if (inPersonal && !(array[i] is JContainer) && array[i].Type != JTokenType.Null) array[i] = Mask;
                    else MaskToken(array[i], plainKeys);
                }
            }
        }

        private static HashSet<string> BuildSensitiveKeys()
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "client_secret", "access_token", "refresh_token", "password", "token", "authorization",
                // Bank details of payment containers, sent through Invoke-SecuConnectRequest.
                "iban", "bic", "owner", "account_number",
            };
            foreach (var resource in ResourceDescriptors.All) keys.UnionWith(resource.PersonalKeys);
            return keys;
        }

        private static Dictionary<string, HashSet<string>> BuildPersonalObjects()
        {
            var objects = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var resource in ResourceDescriptors.All)
            {
                if (resource.PersonalObject == null) continue;
                if (!objects.TryGetValue(resource.PersonalObject, out var plain))
                    objects[resource.PersonalObject] = plain = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                plain.UnionWith(resource.PlainKeysInPersonalObject);
            }
            return objects;
        }

        private static string ScrubEmails(string text) => EmailLike.Replace(text, Mask);

        private static string Truncate(string text, int maxLength)
        {
            if (text.Length <= maxLength) return text;
            var sb = new StringBuilder(text, 0, maxLength, maxLength + 20);
            sb.Append("… (").Append(text.Length - maxLength).Append(" more)");
            return sb.ToString();
        }
    }
}
