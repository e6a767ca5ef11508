using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Core;

namespace SecuConnect
{
    /// <summary>
    /// One signed-in connection: settings, one HttpClient for token and API calls, and one token cache.
    /// Thread-safe, so one connection may serve several runspaces at once. Never exposes the secret or a token.
    /// </summary>
    public sealed class SecuConnection : IDisposable
    {
        private static readonly string UserAgent = "SecuConnect-PowerShell/" +
            typeof(SecuConnection).Assembly.GetName().Version.ToString(3);

        private readonly HttpClient _http;
        private readonly SecureString? _secret;
        private readonly SecureString? _accessToken;
        private readonly object _randomLock = new object();
        private readonly Random _random = new Random();
        private int _disposed;

        private readonly RequestSender _sender;
        private volatile bool _connecting;

        /// <summary>
        /// A connection over <paramref name="handler"/> (null: the real transport). The clock, the random source of the
        /// backoff jitter, the wait between attempts and the number of requests in flight at once are seams for tests.
        /// </summary>
        internal SecuConnection(SecuConnectionOptions options, HttpMessageHandler? handler, Func<DateTimeOffset>? clock = null,
            Func<double>? random = null, Func<TimeSpan, CancellationToken, Task>? delay = null, int maxRequestsInFlight = Transport.MaxConnectionsPerServer)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            BaseUri = ValidateBaseUri(options);
            Environment = (options.Environment ?? KnownEnvironment(BaseUri))?.ToString() ?? (IsLoopback(BaseUri) ? "Sandbox" : "Custom");
            ClientId = options.ClientId;
            MaximumRetryCount = Math.Max(0, options.MaximumRetryCount);
            RetryIntervalSec = Math.Max(0, options.RetryIntervalSec);
            TimeoutSec = Math.Max(0, options.TimeoutSec);
            _secret = SecureStrings.ReadOnlyCopy(options.ClientSecret);
            _accessToken = SecureStrings.ReadOnlyCopy(options.AccessToken);
            if (_accessToken == null && (string.IsNullOrEmpty(ClientId) || _secret == null))
                throw new ArgumentException("A client id and secret, or an access token, are required.", nameof(options));

            string root = BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            TokenUri = new Uri(root + "/oauth/token");
            ApiRoot = root + "/api/v2";

            handler = handler ?? Transport.CreateHandler(options);
            Proxy = Transport.ProxyFor(options, BaseUri);
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);

            Clock = clock ?? (() => DateTimeOffset.UtcNow);
            Random = random ?? (() => { lock (_randomLock) return _random.NextDouble(); });
            Delay = delay ?? ((wait, token) => Task.Delay(wait, token));
            _sender = new RequestSender(this, _http, maxRequestsInFlight);
            Tokens = new TokenCache(FetchTokenAsync, () => Clock());
            RetryBudget = new RetryBudget();
        }

        /// <summary>Creates a connection; it has no token until the first request (Connect asks for one at once).</summary>
        internal static SecuConnection Create(SecuConnectionOptions options) => new SecuConnection(options, null);

        /// <summary>
        /// Production or Testing for their hosts; Sandbox for any other loopback address (the local sandbox), and
        /// Custom for any other host.
        /// </summary>
        public string Environment { get; }
        public Uri BaseUri { get; }
        public string? ClientId { get; }
        public DateTimeOffset? TokenExpiresOn => Tokens.ExpiresOn;
        public int MaximumRetryCount { get; }
        public int RetryIntervalSec { get; }
        public int TimeoutSec { get; }

        /// <summary>The proxy the requests go through (the one given, or the platform's), null when they go direct.</summary>
        public Uri? Proxy { get; }

        /// <summary>AccessToken when the caller supplied the token (no renewal), else ClientCredentials.</summary>
        public string AuthenticationMethod => _accessToken != null ? "AccessToken" : "ClientCredentials";

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        internal Uri TokenUri { get; }
        internal string ApiRoot { get; }
        internal TokenCache Tokens { get; }

        /// <summary>The retry quota shared by this connection's requests (see <see cref="Api.RetryBudget"/>).</summary>
        internal RetryBudget RetryBudget { get; }
        internal bool CanReauthenticate => _secret != null;

        // Injectable for tests: time, jitter and waiting.
        internal Func<DateTimeOffset> Clock { get; }
        internal Func<double> Random { get; }
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; }

        public override string ToString() => ClientId != null ? $"{ClientId} @ {BaseUri}" : BaseUri.ToString();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            Tokens.Dispose();
            _http.Dispose();
            _secret?.Dispose();
            _accessToken?.Dispose();
        }

        internal static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            string host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
        }

        private static Uri ValidateBaseUri(SecuConnectionOptions options)
        {
            Uri uri = options.BaseUri ?? SecuConnectionOptions.EnvironmentUri(options.Environment ?? SecuEnvironment.Production);
            // The URI itself is not repeated: its user info may be a password.
            if (uri.IsAbsoluteUri && !string.IsNullOrEmpty(uri.UserInfo))
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidBaseUri,
                    "The base URI must not contain a user name or password (user:password@host): they would travel with every request. " +
                    "Give the client id and secret with -Credential, or -ClientId and -ClientSecret.") { IsSecurityRefusal = true };
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidBaseUri,
                    $"The base URI '{uri}' must be an absolute http or https URI, such as https://connect.secucard.com.");
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri) && !options.AllowUnencryptedAuthentication)
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.UnencryptedConnection,
                    $"Refusing to send credentials to '{uri}' over unencrypted http. Use https, a loopback address, " +
                    "or -AllowUnencryptedAuthentication if you accept that the secret and tokens travel in clear text.") { IsSecurityRefusal = true };
            return uri;
        }

        private static SecuEnvironment? KnownEnvironment(Uri uri)
        {
            foreach (SecuEnvironment env in new[] { SecuEnvironment.Production, SecuEnvironment.Testing })
            {
                var known = SecuConnectionOptions.EnvironmentUri(env);
                if (Uri.Compare(known, uri, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0)
                    return env;
            }
            return null;
        }

        internal void ThrowIfDisposed()
        {
            if (IsDisposed)
                throw new SecuApiException(SecuErrorKind.NotConnected, ErrorIds.NotConnected,
                    "This connection was closed by Disconnect-SecuConnect. Run Connect-SecuConnect to sign in again.");
        }

        /// <summary>
        /// Connect's first token: like any token request, except that a refused connection or an unknown host fails
        /// at once, naming the address. Later renewals retry as usual.
        /// </summary>
        internal async Task<string> FirstTokenAsync(ApiLogQueue log, CancellationToken cancellationToken)
        {
            _connecting = true;
            try { return await GetAccessTokenAsync(log, cancellationToken).ConfigureAwait(false); }
            finally { _connecting = false; }
        }

        internal async Task<string> GetAccessTokenAsync(ApiLogQueue log, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            if (_accessToken != null) return SecureStrings.Unwrap(_accessToken);
            return await Tokens.GetTokenAsync(log, cancellationToken).ConfigureAwait(false);
        }

        private async Task<TokenResponse> FetchTokenAsync(ApiLogQueue log, CancellationToken cancellationToken)
        {
            // Only a connection made with a client id and secret fetches tokens (one given -AccessToken never does).
            var request = new ApiRequest<TokenResponse?>(HttpMethod.Post, TokenUri, RequestKind.Token)
            {
                ContentFactory = () => new FormUrlEncodedContent(new[]
                {
                    new KeyValuePair<string, string>("grant_type", "client_credentials"),
                    new KeyValuePair<string, string>("client_id", ClientId!),
                    new KeyValuePair<string, string>("client_secret", SecureStrings.Unwrap(_secret!)),
                }),
                DebugBody = "grant_type=client_credentials&client_id=" + Uri.EscapeDataString(ClientId) + "&client_secret=" + LogMasker.Mask,
                FailFastWhenUnreachable = _connecting,
                ReadBody = ReadToken,
            };
            var response = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            var token = response.Value;
            if (token == null || string.IsNullOrEmpty(token.AccessToken))
                throw new SecuApiException(SecuErrorKind.InvalidResponse, ErrorIds.InvalidTokenResponse,
                    $"The token endpoint {TokenUri} answered HTTP {response.StatusCode} without an access token.", null,
                    ErrorInfo.Empty.With(response.StatusCode).For(request));
            return token;
        }

        private static TokenResponse? ReadToken(System.IO.Stream stream)
        {
            using (var reader = SecuJson.Reader(stream, 1024))
                return SecuJson.Serializer.Deserialize<TokenResponse>(reader);
        }

        /// <summary>
        /// Sends a request through this connection's <see cref="RequestSender"/>: the retry policy, a timeout per
        /// attempt, and one re-authentication after the API refuses the token.
        /// </summary>
        internal Task<ApiResponse<T>> SendAsync<T>(ApiRequest<T> request, ApiLogQueue log, CancellationToken cancellationToken, CallControl? control = null) =>
            _sender.SendAsync(request, log, cancellationToken, control);
    }
}
