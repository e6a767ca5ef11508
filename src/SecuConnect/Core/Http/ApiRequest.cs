using System;
using System.Net.Http;

namespace SecuConnect.Core
{
    /// <summary>One logical request; each attempt builds a fresh HttpRequestMessage from it.</summary>
    internal class ApiRequest
    {
        public ApiRequest(HttpMethod method, Uri uri, RequestKind kind)
        {
            Method = method;
            Uri = uri;
            Kind = kind;
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }

        /// <summary>The URL as Verbose, Debug and messages show it: filter values masked.</summary>
        internal string LogUrl => _logUrl ?? (_logUrl = LogMasker.MaskUrl(Uri));
        private string? _logUrl;
        public RequestKind Kind { get; }

        /// <summary>JSON body, or null.</summary>
        public string? JsonBody { get; set; }

        /// <summary>The media type of <see cref="JsonBody"/> when it is not JSON (text/plain; charset=utf-8); null for JSON.</summary>
        public System.Net.Http.Headers.MediaTypeHeaderValue? ContentType { get; set; }

        /// <summary>Headers the caller added (never Authorization or Host), sent with every attempt.</summary>
        public System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string>>? Headers { get; set; }

        /// <summary>Keeps the answer's headers on the response (for -ResponseHeadersVariable).</summary>
        public bool KeepResponseHeaders { get; set; }

        /// <summary>Form body for the token request, built per attempt so the secret is unwrapped only briefly.</summary>
        public Func<HttpContent>? ContentFactory { get; set; }

        /// <summary>What Debug shows of the body (already masked where the body holds secrets).</summary>
        public string? DebugBody { get; set; }

        /// <summary>A call on one item: a 403 then means "not found or not accessible".</summary>
        public bool ById => TargetId != null;

        public string? TargetId { get; set; }

        /// <summary>The resource this request is about, for the wording of its errors; null for a request on any path.</summary>
        public ResourceDescriptor? Resource { get; set; }

        /// <summary>
        /// Connect's first request: a refused connection or an unknown host fails at once, naming the address,
        /// instead of being retried (a wrong -BaseUri is far likelier then than a passing outage).
        /// </summary>
        internal bool FailFastWhenUnreachable { get; set; }

        /// <summary>Attempts for this request, or null for 1 + the connection's MaximumRetryCount.</summary>
        internal int? MaxAttempts { get; set; }
    }

    /// <summary>A request whose successful answer is read as a <typeparamref name="T"/>.</summary>
    internal sealed class ApiRequest<T> : ApiRequest
    {
        public ApiRequest(HttpMethod method, Uri uri, RequestKind kind) : base(method, uri, kind) { }

        /// <summary>
        /// Reads a successful answer straight from the response stream (no text copy); null when the body does not
        /// matter. It throws a JsonException for an answer that is not the API's shape.
        /// </summary>
        internal Func<System.IO.Stream, T>? ReadBody { get; set; }
    }
}
