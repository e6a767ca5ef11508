using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace SecuConnect.Core
{
    /// <summary>
    /// The headers a caller adds to a request (Invoke-SecuConnectRequest -Headers). The session owns the headers that
    /// carry its credentials or frame the request, so those are refused before anything is sent; Debug shows the names
    /// of the others, never their values (an API key or a reference may sit in one).
    /// </summary>
    internal static class RequestHeaders
    {
        public const string ContentTypeName = "Content-Type";

        /// <summary>Set by the session on every request: the token, the proxy sign-in, the host and the body's framing.</summary>
        private static readonly HashSet<string> SessionOwned = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Authorization", "Proxy-Authorization", "Host", "Content-Length", "Transfer-Encoding",
        };

        /// <summary>Checks a header before sending.</summary>
        /// <exception cref="ArgumentException">The session owns it, or HTTP does not allow the name or the value.</exception>
        public static void Check(string name, string value)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("A header name is empty.");
            if (SessionOwned.Contains(name.Trim()))
                throw new ArgumentException($"The header '{name.Trim()}' is set by the connection (its access token, host and body), so -Headers cannot set it.");
            if (value != null && (value.IndexOf('\r') >= 0 || value.IndexOf('\n') >= 0))
                throw new ArgumentException($"The value of the header '{name}' holds a line break, which HTTP does not allow.");
            using (var probe = new HttpRequestMessage())
            using (var content = new ByteArrayContent(Array.Empty<byte>()))
            {
                if (!probe.Headers.TryAddWithoutValidation(name, value ?? string.Empty) && !content.Headers.TryAddWithoutValidation(name, value ?? string.Empty))
                    throw new ArgumentException($"'{name}' is not a valid HTTP header name.");
            }
        }

        /// <summary>Adds the headers to one attempt's message; content headers go on its body.</summary>
        public static void Apply(HttpRequestMessage message, IReadOnlyList<KeyValuePair<string, string>>? headers)
        {
            if (headers == null) return;
            // A header the caller gives replaces the connection's default (Accept), as in Invoke-RestMethod.
            foreach (var name in headers.Select(h => h.Key).Distinct(StringComparer.OrdinalIgnoreCase)) message.Headers.Remove(name);
            foreach (var header in headers)
            {
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                    message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        /// <summary>What Debug shows of the headers: their names, each value masked.</summary>
        public static string Describe(IReadOnlyList<KeyValuePair<string, string>>? headers) =>
            headers == null || headers.Count == 0 ? string.Empty
                : " headers: " + string.Join(", ", headers.Select(h => h.Key + ": " + LogMasker.Mask));
    }
}
