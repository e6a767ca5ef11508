using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SecuConnect.Core
{
    /// <summary>
    /// Turns the path a user gives Invoke-SecuConnectRequest into a URL under the connection's /api/v2/. The request
    /// carries the connection's token, so a URL on another scheme, host or port is refused (ForeignUrl), and so is a
    /// path that leaves /api/v2 (InvalidPath), before anything is sent.
    /// </summary>
    internal static class ApiPaths
    {
        private const string ApiSegment = "/api/v2";
        private static readonly Regex AbsoluteUrl = new Regex(@"^[A-Za-z][A-Za-z0-9+.\-]*://", RegexOptions.CultureInvariant);

        /// <summary>
        /// The URL for <paramref name="path"/>: relative to {BaseUri}/api/v2/ ("Payment/Containers" or
        /// "/Payment/Containers"), rooted ("/api/v2/Payment/Containers"), or absolute on the connection's scheme, host and port. The path's own query
        /// string is returned as pairs in <paramref name="query"/> (decoded as the API decodes them: '+' is a space), and
        /// the URL comes back without it.
        /// </summary>
        /// <exception cref="SecuApiException">ForeignUrl or InvalidPath (kind InvalidArgument).</exception>
        public static Uri Resolve(Uri baseUri, string? path, out List<KeyValuePair<string, string>> query)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            query = new List<KeyValuePair<string, string>>();
            string? text = path?.Trim();
            if (text == null || text.Length == 0)
                throw Invalid(path, "the path is empty; give a resource such as Payment/Containers");

            string root = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            string basePath = new Uri(root + "/").AbsolutePath.TrimEnd('/');
            string apiPath = basePath + ApiSegment;
            Uri candidate;

            if (AbsoluteUrl.IsMatch(text))
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out candidate))
                    throw Invalid(path, "it is not a valid URL");
                if (!SameOrigin(candidate, baseUri) || !string.IsNullOrEmpty(candidate.UserInfo))
                    throw Foreign(path, baseUri);
            }
            else
            {
                if (text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("\\\\", StringComparison.Ordinal) ||
                    text.StartsWith("/\\", StringComparison.Ordinal) || text.StartsWith("\\/", StringComparison.Ordinal))
                    throw Foreign(path, baseUri);
                string relative = text.Replace('\\', '/');
                if (relative.StartsWith("/", StringComparison.Ordinal))
                {
                    // Rooted: /api/v2/..., or the base URI's own path followed by /api/v2/..., or the API root
                    // (/Payment/Customers, as the API's documentation writes its resources). A path under /api or
                    // /oauth names a place outside the API's resources, so it is refused rather than moved under it.
                    string? rest = StripPrefix(relative, apiPath) ?? StripPrefix(relative, ApiSegment);
                    if (rest == null && (StripPrefix(relative, "/api") != null || StripPrefix(relative, "/oauth") != null))
                        throw Invalid(path, $"a path that starts with / is taken from the API root {apiPath}/ (as /Payment/Transactions), and {relative.Split('?')[0]} lies outside it");
                    relative = rest ?? relative.TrimStart('/');
                }
                else
                {
                    relative = StripPrefix("/" + relative, ApiSegment) ?? relative;
                }
                if (!Uri.TryCreate(root + ApiSegment + "/" + relative.TrimStart('/'), UriKind.Absolute, out candidate))
                    throw Invalid(path, "it does not form a valid URL");
            }

            if (!string.IsNullOrEmpty(candidate.Fragment))
                throw Invalid(path, "a URL fragment (#...) is not sent to the API");
            // Uri has already removed dot segments (also %2E%2E and backslashes): the result must still lie under /api/v2.
            string absolutePath = candidate.AbsolutePath;
            if (!(absolutePath.Equals(apiPath, StringComparison.OrdinalIgnoreCase) ||
                  absolutePath.StartsWith(apiPath + "/", StringComparison.OrdinalIgnoreCase)))
                throw Invalid(path, $"it leads to {absolutePath}, outside {apiPath}/");
            foreach (string segment in absolutePath.Substring(apiPath.Length).Split('/'))
            {
                string decoded = Uri.UnescapeDataString(segment);
                if (decoded == "." || decoded == ".." || decoded.IndexOf('/') >= 0 || decoded.IndexOf('\\') >= 0)
                    throw Invalid(path, $"its segment '{segment}' could lead out of {apiPath}/");
            }

            query = ParseQuery(candidate.Query);
            return new Uri(candidate.GetLeftPart(UriPartial.Path));
        }

        /// <summary>A query string (with or without '?') as pairs; '+' means a space, as the API (PHP) decodes it.</summary>
        public static List<KeyValuePair<string, string>> ParseQuery(string queryString)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(queryString)) return pairs;
            foreach (string part in queryString.TrimStart('?').Split('&'))
            {
                if (part.Length == 0) continue;
                int eq = part.IndexOf('=');
                string key = Decode(eq < 0 ? part : part.Substring(0, eq));
                string value = eq < 0 ? string.Empty : Decode(part.Substring(eq + 1));
                pairs.Add(new KeyValuePair<string, string>(key, value));
            }
            return pairs;
        }

        /// <summary>
        /// The pairs of <paramref name="first"/> whose names <paramref name="second"/> does not have, then all of
        /// <paramref name="second"/>: -Query overrides a parameter of the same name in the path.
        /// </summary>
        public static List<KeyValuePair<string, string>> Merge(IEnumerable<KeyValuePair<string, string>>? first, IEnumerable<KeyValuePair<string, string>>? second)
        {
            var result = new List<KeyValuePair<string, string>>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (second != null) foreach (var pair in second) names.Add(pair.Key);
            if (first != null) foreach (var pair in first) if (!names.Contains(pair.Key)) result.Add(pair);
            if (second != null) result.AddRange(second);
            return result;
        }

        /// <summary>The URL with its query parameters.</summary>
        public static Uri WithQuery(Uri uri, IEnumerable<KeyValuePair<string, string>> query) =>
            new Uri(uri.GetLeftPart(UriPartial.Path) + QueryString(query));

        /// <summary>"?name=value&amp;..." with names and values escaped; pairs without a value are left out.</summary>
        internal static string QueryString(IEnumerable<KeyValuePair<string, string>> query)
        {
            var sb = new StringBuilder();
            foreach (var pair in query ?? Enumerable.Empty<KeyValuePair<string, string>>())
            {
                if (pair.Value == null) continue;
                sb.Append(sb.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            }
            return sb.ToString();
        }


        private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

        /// <summary>The rest of <paramref name="path"/> after <paramref name="prefix"/> at a segment boundary, or null.</summary>
        private static string? StripPrefix(string path, string prefix)
        {
            if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
            if (path.Length == prefix.Length) return string.Empty;
            char next = path[prefix.Length];
            return next == '/' || next == '?' ? path.Substring(prefix.Length).TrimStart('/') : null;
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
            a.Port == b.Port;

        private static SecuApiException Foreign(string? path, Uri baseUri) =>
            new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.ForeignUrl,
                $"Refusing to send the request to '{LogMasker.MaskPath(path)}': the connection's access token is only sent to its own API, " +
                $"{baseUri.Scheme}://{baseUri.Authority}. Give a path relative to /api/v2/, such as Payment/Containers. No request was sent.")
            { IsSecurityRefusal = true };

        private static SecuApiException Invalid(string? path, string reason) =>
            new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidPath,
                $"Cannot use '{LogMasker.MaskPath(path)}' as -Path: {reason}. No request was sent.");
    }
}
