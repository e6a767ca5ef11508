using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace SecuConnect.Core
{
    /// <summary>
    /// The headers of an answer as -ResponseHeadersVariable gives them: names case-insensitive, each with its values.
    /// A cookie's value is a session secret, so Set-Cookie keeps the cookie's name and attributes only; credential
    /// headers are left out.
    /// </summary>
    internal static class ResponseHeaders
    {
        private static readonly HashSet<string> Left = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization" };

        public static IDictionary<string, string[]> From(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            var all = response.Headers.AsEnumerable();
            if (response.Content != null) all = all.Concat(response.Content.Headers);
            foreach (var header in all)
            {
                if (Left.Contains(header.Key)) continue;
                var values = header.Value.ToArray();
                if (string.Equals(header.Key, "Set-Cookie", StringComparison.OrdinalIgnoreCase)) values = values.Select(MaskCookie).ToArray();
                headers[header.Key] = headers.TryGetValue(header.Key, out var earlier) ? earlier.Concat(values).ToArray() : values;
            }
            return headers;
        }

        /// <summary>"sid=abc; Path=/; HttpOnly" as "sid=***; Path=/; HttpOnly".</summary>
        internal static string MaskCookie(string cookie)
        {
            int semicolon = cookie.IndexOf(';');
            string pair = semicolon < 0 ? cookie : cookie.Substring(0, semicolon);
            int eq = pair.IndexOf('=');
            string name = eq < 0 ? string.Empty : pair.Substring(0, eq).Trim();
            return name + "=" + LogMasker.Mask + (semicolon < 0 ? string.Empty : cookie.Substring(semicolon));
        }
    }
}
