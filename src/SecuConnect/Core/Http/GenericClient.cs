using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SecuConnect.Core
{
    /// <summary>
    /// Any request under /api/v2 over one connection, for the parts of the API the module has no cmdlets for. It goes
    /// through <see cref="SecuConnection.SendAsync"/> like the customer calls: token renewal, retries by
    /// <see cref="RequestKind"/>, timeouts, cancellation, masking and error mapping. Thread-safe.
    /// </summary>
    internal sealed class GenericClient
    {
        public static readonly HttpMethod Patch = new HttpMethod("PATCH");

        public GenericClient(SecuConnection connection, ApiLogQueue log)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Log = log ?? new ApiLogQueue();
        }

        public SecuConnection Connection { get; }
        public ApiLogQueue Log { get; }

        /// <summary>Headers added to every request of this client (checked by <see cref="RequestHeaders.Check"/>).</summary>
        public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; set; }

        /// <summary>The media type of a body that is not JSON; null sends JSON.</summary>
        public System.Net.Http.Headers.MediaTypeHeaderValue? ContentType { get; set; }

        /// <summary>The last successful answer: its status and headers (for -StatusCodeVariable and -ResponseHeadersVariable).</summary>
        public ApiResponse? LastResponse { get; private set; }

        /// <summary>
        /// How a method may be retried: GET, PUT and DELETE are repeatable; POST and PATCH are sent again only when the
        /// server certainly did not process them (429, 503, a connection never made), else they end as OutcomeUnknown.
        /// </summary>
        public static RequestKind KindOf(HttpMethod method)
        {
            if (method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head)
                return RequestKind.Idempotent;
            return RequestKind.NonIdempotent;
        }

        /// <summary>
        /// Checks a caller-supplied access token with one cheap request to <paramref name="uri"/> (a list asking only for
        /// its total). Throws only when the API refuses the token (401, or 403 with code 2003: ProductNotAllowedException)
        /// or cannot be reached (refused, unknown host); any other outcome is returned, as a token for other products may
        /// still be valid. Returns the HTTP status (0 without an answer) and, for a failure, the exception that describes it.
        /// </summary>
        public async Task<AccessTokenCheck> CheckAccessTokenAsync(Uri uri, CancellationToken cancellationToken)
        {
            var request = new ApiRequest<object>(HttpMethod.Get, uri, RequestKind.Idempotent)
            {
                FailFastWhenUnreachable = true,
                MaxAttempts = 1,
            };
            try
            {
                var response = await Connection.SendAsync(request, Log, cancellationToken).ConfigureAwait(false);
                return new AccessTokenCheck(response.StatusCode, null);
            }
            catch (SecuApiException ex) when (ex.Kind != SecuErrorKind.AuthenticationFailed && !ex.NotSent)
            {
                return new AccessTokenCheck(ex.StatusCode ?? 0, ex);
            }
        }

        /// <summary>
        /// Sends one request and returns the answer's text (null for an empty answer). <paramref name="uri"/> comes from
        /// <see cref="ApiPaths.Resolve"/>; <paramref name="jsonBody"/> is JSON or null.
        /// </summary>
        public async Task<string?> SendAsync(HttpMethod method, Uri uri, string? jsonBody, CancellationToken cancellationToken)
        {
            var request = Build(method, uri, jsonBody, ReadText);
            var response = await Send(request, Log, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrEmpty(response.Value) ? null : response.Value;
        }

        /// <summary>
        /// Sends one request and returns the answer's bytes as they came (a document, an image), without decoding them
        /// as text. Debug shows the request but not the answer's body.
        /// </summary>
        public async Task<byte[]> DownloadAsync(HttpMethod method, Uri uri, string? jsonBody, CancellationToken cancellationToken)
        {
            var request = Build(method, uri, jsonBody, ReadBytes);
            // Debug would show the answer's bytes as text; a binary answer is not shown, so this request logs into a
            // log without Debug, whose lines are then passed on.
            var inner = new ApiLogQueue { DebugEnabled = false };
            if (Log.DebugEnabled)
                Log.Debug($"{method.Method} {LogMasker.MaskUrl(uri)}" + (request.DebugBody != null ? " body: " + request.DebugBody : string.Empty) +
                          " (the answer's body is written to the file, not shown)");
            try
            {
                var response = await Send(request, inner, cancellationToken).ConfigureAwait(false);
                return response.Value ?? Array.Empty<byte>();
            }
            finally
            {
                while (inner.TryDequeue(out var entry))
                {
                    switch (entry.Level)
                    {
                        case ApiLogLevel.Warning: Log.Warning(entry.Message); break;
                        case ApiLogLevel.Debug: Log.Debug(entry.Message); break;
                        default: Log.Verbose(entry.Message); break;
                    }
                }
            }
        }

        /// <summary>An answer as text, for callers that hand it on as JSON or as it came (-Raw).</summary>
        private static string ReadText(System.IO.Stream stream)
        {
            using (var reader = new System.IO.StreamReader(stream, System.Text.Encoding.UTF8, true, 4096))
                return reader.ReadToEnd();
        }

        /// <summary>
        /// A lazy listing of a list resource ({count, data, scroll_id}) through the scroll search, as Get-SecuCustomer
        /// lists customers: each page is fetched only when the consumer reaches it.
        /// </summary>
        public ListPager<JToken> List(Uri uri, ListQuery query, CancellationToken cancellationToken) =>
            new ListPager<JToken>(query, (parameters, token) => ListPageAsync(uri, parameters, token), Log, "items", cancellationToken);

        /// <summary>One page of a list resource.</summary>
        public async Task<ListPage<JToken>> ListPageAsync(Uri uri, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
        {
            var request = Build(HttpMethod.Get, ApiPaths.WithQuery(uri, query), null, ReadText);
            var response = await Send(request, Log, cancellationToken).ConfigureAwait(false);
            JToken? answer;
            try
            {
                answer = ParseAnswer(response.Value);
            }
            catch (JsonException ex)
            {
                throw Invalid(request, "an answer that is not JSON", ex);
            }
            if (!TryReadList(answer, out long? count, out JArray? data, out string? scrollId, countOptional: true))
                throw Invalid(request, "an answer that is not a list (an object with a data array); -All applies only to list resources");
            return new ListPage<JToken>(count, data.ToList(), scrollId);
        }

        /// <summary>The JSON of an answer; null for an empty one. Dates stay text, exactly as the API wrote them.</summary>
        /// <exception cref="JsonException">The answer is not JSON.</exception>
        public static JToken? ParseAnswer(string? body) => body == null || string.IsNullOrWhiteSpace(body) ? null : SecuJson.Parse(body);

        /// <summary>
        /// True for a list answer: an object with a "data" array and a "count" (the total), or, for a follow-up page of
        /// a scroll (<paramref name="countOptional"/>), without the count. Gives the count and "scroll_id" if present.
        /// </summary>
        public static bool TryReadList(JToken? answer, out long? count, [NotNullWhen(true)] out JArray? data, out string? scrollId, bool countOptional = false)
        {
            count = null;
            data = null;
            scrollId = null;
            if (!(answer is JObject obj) || !(obj["data"] is JArray array)) return false;
            var total = obj["count"];
            if (total == null ? !countOptional : total.Type != JTokenType.Integer && total.Type != JTokenType.Null) return false;
            if (total?.Type == JTokenType.Integer) count = total.Value<long>();
            data = array;
            scrollId = obj["scroll_id"]?.Type == JTokenType.String ? (string?)obj["scroll_id"] : null;
            return true;
        }

        /// <summary>
        /// A request on any path: no resource travels with it, so its errors name its method and URL (an uncertain POST
        /// or PATCH "may or may not have taken effect").
        /// </summary>
        private ApiRequest<T> Build<T>(HttpMethod method, Uri uri, string? jsonBody, Func<Stream, T> read)
        {
            var request = new ApiRequest<T>(method, uri, KindOf(method))
            {
                JsonBody = jsonBody,
                ReadBody = read,
                ContentType = jsonBody != null ? ContentType : null,
                Headers = Headers,
                KeepResponseHeaders = true,
            };
            // Masking parses the body again: only worth it when Debug will show it. A body that is not JSON cannot be
            // masked field by field, so Debug shows only its start, scrubbed.
            if (jsonBody != null && Log.DebugEnabled)
                request.DebugBody = request.ContentType == null ? LogMasker.MaskBody(jsonBody) : LogMasker.MaskBody(jsonBody, LogMasker.TextPreviewLength);
            return request;
        }

        /// <summary>Sends through the connection and keeps the answer's status and headers in <see cref="LastResponse"/>.</summary>
        private async Task<ApiResponse<T>> Send<T>(ApiRequest<T> request, ApiLogQueue log, CancellationToken cancellationToken)
        {
            var response = await Connection.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            LastResponse = response;
            return response;
        }

        private static byte[] ReadBytes(Stream stream)
        {
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }

        private static SecuApiException Invalid(ApiRequest request, string what, Exception? inner = null) =>
            new SecuApiException(SecuErrorKind.InvalidResponse, ErrorIds.InvalidResponse,
                $"{request.Method.Method} {LogMasker.MaskUrl(request.Uri)} returned {what}.", inner)
            { Method = request.Method.Method, RequestUri = request.Uri };
    }
}
