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
using SecuConnect.Models;

namespace SecuConnect.Api
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
        private readonly SecureString _secret;
        private readonly SecureString _accessToken;
        private readonly object _randomLock = new object();
        private readonly Random _random = new Random();
        private int _disposed;

        // At most as many requests in flight as the handler has connections per host, so none waits inside the handler
        // for a connection while its -TimeoutSec runs (.NET Framework's default would be 2).
        private readonly SemaphoreSlim _inFlight;
        private volatile bool _connecting;

        /// <summary>
        /// A connection over <paramref name="handler"/> (null: the real transport). The clock, the random source of the
        /// backoff jitter, the wait between attempts and the number of requests in flight at once are seams for tests.
        /// </summary>
        internal SecuConnection(SecuConnectionOptions options, HttpMessageHandler handler, Func<DateTimeOffset> clock = null,
            Func<double> random = null, Func<TimeSpan, CancellationToken, Task> delay = null, int maxRequestsInFlight = Transport.MaxConnectionsPerServer)
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
            _inFlight = new SemaphoreSlim(maxRequestsInFlight, maxRequestsInFlight);
            Tokens = new TokenCache(FetchTokenAsync, () => Clock());
            RetryBudget = new RetryBudget();
        }

        /// <summary>Creates a connection; it has no token until the first request (Connect asks for one at once).</summary>
        public static SecuConnection Create(SecuConnectionOptions options) => new SecuConnection(options, null);

        /// <summary>
        /// Production or Testing for their hosts; Sandbox for any other loopback address (the local sandbox), and
        /// Custom for any other host.
        /// </summary>
        public string Environment { get; }
        public Uri BaseUri { get; }
        public string ClientId { get; }
        public DateTimeOffset? TokenExpiresOn => Tokens.ExpiresOn;
        public int MaximumRetryCount { get; }
        public int RetryIntervalSec { get; }
        public int TimeoutSec { get; }

        /// <summary>The proxy the requests go through (the one given, or the platform's), null when they go direct.</summary>
        public Uri Proxy { get; }

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
                throw new SecuApiException(SecuErrorKind.InvalidArgument, "InvalidBaseUri",
                    "The base URI must not contain a user name or password (user:password@host): they would travel with every request. " +
                    "Give the client id and secret with -Credential, or -ClientId and -ClientSecret.");
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new SecuApiException(SecuErrorKind.InvalidArgument, "InvalidBaseUri",
                    $"The base URI '{uri}' must be an absolute http or https URI, such as https://connect.secucard.com.");
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri) && !options.AllowUnencryptedAuthentication)
                throw new SecuApiException(SecuErrorKind.InvalidArgument, "UnencryptedConnection",
                    $"Refusing to send credentials to '{uri}' over unencrypted http. Use https, a loopback address, " +
                    "or -AllowUnencryptedAuthentication if you accept that the secret and tokens travel in clear text.");
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
                throw new SecuApiException(SecuErrorKind.NotConnected, "NotConnected",
                    "This connection was closed by Disconnect-SecuConnect. Run Connect-SecuConnect to sign in again.");
        }

        /// <summary>
        /// Connect's first token: like any token request, except that a refused connection or an unknown host fails
        /// at once, naming the address. Later renewals retry as usual.
        /// </summary>
        internal async Task<string> FirstTokenAsync(ApiLog log, CancellationToken cancellationToken)
        {
            _connecting = true;
            try { return await GetAccessTokenAsync(log, cancellationToken).ConfigureAwait(false); }
            finally { _connecting = false; }
        }

        internal async Task<string> GetAccessTokenAsync(ApiLog log, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            if (_accessToken != null) return SecureStrings.Unwrap(_accessToken);
            return await Tokens.GetTokenAsync(log, cancellationToken).ConfigureAwait(false);
        }

        private async Task<TokenResponse> FetchTokenAsync(ApiLog log, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Post, TokenUri, RequestKind.Token)
            {
                ContentFactory = () => new FormUrlEncodedContent(new[]
                {
                    new KeyValuePair<string, string>("grant_type", "client_credentials"),
                    new KeyValuePair<string, string>("client_id", ClientId),
                    new KeyValuePair<string, string>("client_secret", SecureStrings.Unwrap(_secret)),
                }),
                DebugBody = "grant_type=client_credentials&client_id=" + Uri.EscapeDataString(ClientId) + "&client_secret=" + LogMasker.Mask,
                FailFastWhenUnreachable = _connecting,
            };
            var response = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            TokenResponse token = null;
            try { token = SecuJson.Deserialize<TokenResponse>(response.Body); }
            catch (Newtonsoft.Json.JsonException) { }
            if (token == null || string.IsNullOrEmpty(token.AccessToken))
                throw new SecuApiException(SecuErrorKind.InvalidResponse, "InvalidTokenResponse",
                    $"The token endpoint {TokenUri} answered HTTP {response.StatusCode} without an access token.")
                { StatusCode = response.StatusCode, Method = "POST", RequestUri = TokenUri };
            return token;
        }

        /// <summary>
        /// Sends a request with the retry policy, a timeout per attempt, and one re-authentication after the API
        /// refuses the token. Returns only on success; every failure is a <see cref="SecuApiException"/>, and a
        /// cancellation by the caller an OperationCanceledException.
        /// </summary>
        internal async Task<ApiResponse> SendAsync(ApiRequest request, ApiLog log, CancellationToken cancellationToken, CallControl control = null)
        {
            try
            {
                return await SendCoreAsync(request, log, cancellationToken, control).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (IsDisposed)
            {
                // Disconnect-SecuConnect in another runspace closed the connection while this request waited or ran.
                ThrowIfDisposed();
                throw;
            }
        }

        private async Task<ApiResponse> SendCoreAsync(ApiRequest request, ApiLog log, CancellationToken cancellationToken, CallControl control)
        {
            ThrowIfDisposed();
            int maxAttempts = request.MaxAttempts ?? 1 + MaximumRetryCount;
            int attempt = 0;
            bool reauthenticated = false;
            bool mayHaveBeenProcessed = false;
            int lastRetryCost = 0;
            bool changes = request.Kind != RequestKind.Token && request.Method != HttpMethod.Get;
            string url = LogMasker.MaskUrl(request.Uri);

            while (true)
            {
                attempt++;
                cancellationToken.ThrowIfCancellationRequested();
                if (control != null && control.StopSending.IsCancellationRequested)
                {
                    log.Verbose($"{request.Method.Method} {url} -> not sent: the command is ending.");
                    throw NotAttempted(request, url);
                }
                string token = request.Kind == RequestKind.Token ? null : await GetAccessTokenAsync(log, cancellationToken).ConfigureAwait(false);
                string attemptText = attempt > 1 ? $", attempt {attempt} of {maxAttempts}" : string.Empty;

                int status = 0;
                string body = null;
                ApiResponse read = null;
                TimeSpan? retryAfter = null;
                FailureKind? failure = null;
                Exception failureException = null;
                var watch = Stopwatch.StartNew();
                using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                using (var message = BuildMessage(request, token))
                {
                    await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (TimeoutSec > 0) attemptCts.CancelAfter(TimeSpan.FromSeconds(TimeoutSec));
                    if (log.DebugEnabled)
                        log.Debug($"{request.Method.Method} {url}" + (request.DebugBody != null ? " body: " + request.DebugBody : string.Empty));
                    try
                    {
                        if (changes) control?.MarkChangeSent();
                        using (var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptCts.Token).ConfigureAwait(false))
                        {
                            status = (int)response.StatusCode;
                            if (request.ReadBody != null && status >= 200 && status < 300 && !log.DebugEnabled && response.Content != null)
                            {
                                read = new ApiResponse(status, null) { IsRead = true };
                                using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                                {
                                    try { read.Value = request.ReadBody(stream); }
                                    catch (Newtonsoft.Json.JsonException ex) { read.ReadError = ex; }
                                    catch (Exception ex) when (IsReadFailure(ex))
                                    {
                                        // A number beyond Int64 (a list count, say) or a value of the wrong type: the answer is not the API's shape.
                                        read.ReadError = new Newtonsoft.Json.JsonReaderException(ex.Message, ex);
                                    }
                                }
                            }
                            else
                            {
                                body = response.Content == null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            }
                            retryAfter = ReadRetryAfter(response);
                        }
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        log.Verbose($"{request.Method.Method} {url} -> cancelled ({watch.ElapsedMilliseconds} ms{attemptText})");
                        throw;
                    }
                    catch (OperationCanceledException ex)
                    {
                        failure = FailureKind.Timeout;
                        failureException = ex;
                    }
                    catch (HttpRequestException ex)
                    {
                        failure = NetworkFailures.Classify(ex);
                        failureException = ex;
                    }
                    catch (System.IO.IOException ex)
                    {
                        failure = FailureKind.LostAfterSending;
                        failureException = ex;
                    }
                    catch (ObjectDisposedException) when (IsDisposed)
                    {
                        ThrowIfDisposed();
                        throw;
                    }
                    finally
                    {
                        _inFlight.Release();
                    }
                }
                watch.Stop();

                if (failure.HasValue)
                {
                    string what = failure == FailureKind.Timeout ? $"timed out after {TimeoutSec} s" : "connection failed: " + ErrorMapper.Innermost(failureException);
                    log.Verbose($"{request.Method.Method} {url} -> {what} ({watch.ElapsedMilliseconds} ms{attemptText})");
                    if (failure == FailureKind.NotSent && request.FailFastWhenUnreachable)
                        throw ErrorMapper.Unreachable(request, failureException);
                }
                else
                {
                    log.Verbose($"{request.Method.Method} {url} -> {status} ({watch.ElapsedMilliseconds} ms{attemptText})");
                    if (log.DebugEnabled && !string.IsNullOrEmpty(body))
                        log.Debug($"{status} body: " + (request.Kind == RequestKind.Token && status < 300 ? "{\"access_token\":\"***\"}" : LogMasker.MaskBody(body)));
                    if (status >= 200 && status < 300)
                    {
                        RetryBudget.OnSuccess(lastRetryCost);
                        return read ?? new ApiResponse(status, body);
                    }
                }

                if (!failure.HasValue && request.Kind != RequestKind.Token)
                {
                    var payload = ErrorMapper.ParsePayload(body, out _);
                    if (ErrorMapper.IsTokenRejected(status, payload))
                    {
                        if (!CanReauthenticate)
                            throw AccessTokenRejected(request, status, body);
                        if (!reauthenticated)
                        {
                            reauthenticated = true;
                            Tokens.Invalidate(token);
                            log.Verbose("The API refused the access token; requesting a new one and repeating the request once.");
                            attempt--;
                            continue;
                        }
                        throw ErrorMapper.FromResponse(request, status, body);
                    }
                    if (status == 404 && request.Method == HttpMethod.Delete && mayHaveBeenProcessed)
                    {
                        log.Verbose($"{request.Method.Method} {url}: already gone after an earlier attempt that may have succeeded.");
                        return new ApiResponse(status, body) { AlreadyGone = true };
                    }
                }

                var verdict = RetryPolicy.Decide(request.Kind, failure ?? FailureKind.Status, status);
                if (verdict == RetryVerdict.OutcomeUnknown)
                {
                    string reason = failure == FailureKind.Timeout ? $"no answer within {TimeoutSec} s"
                        : failure.HasValue ? "the connection was lost after sending (" + ErrorMapper.Innermost(failureException) + ")"
                        : $"the API answered HTTP {status}";
                    throw ErrorMapper.OutcomeUnknown(request, reason, failure.HasValue ? (int?)null : status, body, failureException);
                }
                if (verdict == RetryVerdict.Fail || attempt >= maxAttempts)
                    throw Final(request, failure, status, body, attempt, failureException);
                if (retryAfter.HasValue && retryAfter.Value > RetryPolicy.MaxRetryAfter)
                {
                    var ex = Final(request, failure, status, body, attempt, failureException);
                    if (status != 429) throw ex;
                    throw new SecuApiException(SecuErrorKind.RateLimited, "RateLimited",
                        $"The API asked to wait {retryAfter.Value.TotalSeconds:0} s before retrying, longer than the {RetryPolicy.MaxRetryAfter.TotalSeconds:0} s this module waits. Try again later. ({request.Method.Method} {url})")
                    { StatusCode = status, Method = request.Method.Method, RequestUri = request.Uri, Error = ex.Error, Code = ex.Code, Details = ex.Details, SupportId = ex.SupportId };
                }

                if (control != null && control.StopSending.IsCancellationRequested)
                {
                    log.Verbose($"Not retrying {request.Method.Method} {url}: the command is ending.");
                    throw Final(request, failure, status, body, attempt, failureException);
                }
                int cost = RetryBudget.CostOf(failure ?? FailureKind.Status, status);
                if (!RetryBudget.TryAcquire(cost))
                {
                    log.Verbose($"Not retrying {request.Method.Method} {url}: the connection's retry budget is empty, as the API failed repeatedly.");
                    var ex = Final(request, failure, status, body, attempt, failureException)
                        .WithNote("Not retried: the connection's retry budget is empty, as the API failed repeatedly; it refills as requests succeed.");
                    ex.RetryBudgetExhausted = true;
                    throw ex;
                }
                lastRetryCost = cost;

                if (failure != FailureKind.NotSent && !(failure == null && (status == 429 || status == 503)))
                    mayHaveBeenProcessed = true;
                var delay = RetryPolicy.Backoff(attempt, RetryIntervalSec, retryAfter, Random);
                log.Verbose($"Retrying {request.Method.Method} {url} in {delay.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture)} s" +
                            (retryAfter.HasValue ? " (Retry-After)" : string.Empty) + $", attempt {attempt + 1} of {maxAttempts}.");
                if (delay > TimeSpan.Zero)
                {
                    if (control == null || !control.StopSending.CanBeCanceled)
                    {
                        await Delay(delay, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, control.StopSending))
                        {
                            try
                            {
                                await Delay(delay, wait.Token).ConfigureAwait(false);
                            }
                            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                            {
                                log.Verbose($"Not retrying {request.Method.Method} {url}: the command is ending.");
                                throw Final(request, failure, status, body, attempt, failureException);
                            }
                        }
                    }
                }
            }
        }

        private static bool IsReadFailure(Exception ex) =>
            ex is OverflowException || ex is InvalidCastException || ex is FormatException || ex is ArgumentException;

        private static SecuApiException NotAttempted(ApiRequest request, string url) =>
            new SecuApiException(SecuErrorKind.NotAttempted, "NotAttempted",
                $"{request.Method.Method} {url} was not sent: the command was ending.")
            { Method = request.Method.Method, RequestUri = request.Uri };

        private HttpRequestMessage BuildMessage(ApiRequest request, string token)
        {
            var message = new HttpRequestMessage(request.Method, request.Uri);
            if (token != null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (request.ContentFactory != null) message.Content = request.ContentFactory();
            else if (request.JsonBody != null) message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
            return message;
        }

        private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - Clock();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        private SecuApiException Final(ApiRequest request, FailureKind? failure, int status, string body, int attempts, Exception inner)
        {
            if (failure == FailureKind.Timeout) return ErrorMapper.Timeout(request, TimeoutSec, attempts, inner);
            if (failure.HasValue) return ErrorMapper.Network(request, attempts, inner);
            return ErrorMapper.FromResponse(request, status, body);
        }

        private SecuApiException AccessTokenRejected(ApiRequest request, int status, string body)
        {
            var ex = ErrorMapper.FromResponse(request, status, body);
            return new SecuApiException(SecuErrorKind.AuthenticationFailed, "ProductNotAllowedException",
                "The access token given to Connect-SecuConnect -AccessToken has expired or is not valid, and a caller-supplied " +
                "token cannot be renewed. Run Connect-SecuConnect again with a new token, or with -Credential so the module renews tokens itself." +
                (ex.SupportId != null ? $" (supportId {ex.SupportId})" : string.Empty))
            {
                StatusCode = status, Error = ex.Error, Code = ex.Code, Details = ex.Details, SupportId = ex.SupportId,
                Method = request.Method.Method, RequestUri = request.Uri,
            };
        }
    }
}
