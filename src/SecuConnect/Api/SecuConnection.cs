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

using SecuConnect.Api;

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
        internal static SecuConnection Create(SecuConnectionOptions options) => new SecuConnection(options, null);

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
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidBaseUri,
                    "The base URI must not contain a user name or password (user:password@host): they would travel with every request. " +
                    "Give the client id and secret with -Credential, or -ClientId and -ClientSecret.");
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidBaseUri,
                    $"The base URI '{uri}' must be an absolute http or https URI, such as https://connect.secucard.com.");
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri) && !options.AllowUnencryptedAuthentication)
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.UnencryptedConnection,
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
                ReadBody = ReadToken,
            };
            var response = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            var token = response.Value as TokenResponse;
            if (token == null || string.IsNullOrEmpty(token.AccessToken))
                throw new SecuApiException(SecuErrorKind.InvalidResponse, ErrorIds.InvalidTokenResponse,
                    $"The token endpoint {TokenUri} answered HTTP {response.StatusCode} without an access token.")
                { StatusCode = response.StatusCode, Method = "POST", RequestUri = TokenUri };
            return token;
        }

        private static object ReadToken(System.IO.Stream stream)
        {
            using (var reader = SecuJson.Reader(stream, 1024))
                return SecuJson.Serializer.Deserialize<TokenResponse>(reader);
        }

        /// <summary>
        /// Sends a request with the retry policy, a timeout per attempt, and one re-authentication after the API
        /// refuses the token. Returns only on success; every failure is a <see cref="SecuApiException"/>, and a
        /// cancellation by the caller an OperationCanceledException.
        /// </summary>
        internal async Task<ApiResponse> SendAsync(ApiRequest request, ApiLogQueue log, CancellationToken cancellationToken, CallControl control = null)
        {
            try
            {
                return await SendWithRetriesAsync(request, log, cancellationToken, control).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (IsDisposed)
            {
                // Disconnect-SecuConnect in another runspace closed the connection while this request waited or ran.
                ThrowIfDisposed();
                throw;
            }
        }

        /// <summary>The attempts of one request: each answer is settled (success, token refusal, already gone) or retried by the policy.</summary>
        private async Task<ApiResponse> SendWithRetriesAsync(ApiRequest request, ApiLogQueue log, CancellationToken cancellationToken, CallControl control)
        {
            ThrowIfDisposed();
            var retry = new RetryState(request.MaxAttempts ?? 1 + MaximumRetryCount);
            while (true)
            {
                retry.Attempt++;
                cancellationToken.ThrowIfCancellationRequested();
                if (control != null && control.StopSending.IsCancellationRequested)
                {
                    log.Verbose($"{request.Method.Method} {request.LogUrl} -> not sent: the command is ending.");
                    // An earlier attempt may have reached the server: the change was attempted, its outcome is open.
                    if (retry.MayHaveBeenProcessed && IsChange(request))
                        throw new SecuApiException(SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable,
                            $"{request.Method.Method} {request.LogUrl} was not repeated: the command was ending.")
                        { Method = request.Method.Method, RequestUri = request.Uri, ChangeMayHaveBeenApplied = true };
                    throw NotAttempted(request);
                }
                string token = request.Kind == RequestKind.Token ? null : await GetAccessTokenAsync(log, cancellationToken).ConfigureAwait(false);
                var result = await AttemptAsync(request, token, retry, log, cancellationToken, control).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    if (result.ReadError != null) throw ErrorMapper.InvalidAnswer(request, result.Status, result.ReadError);
                    RetryBudget.OnSuccess(retry.LastCost);
                    return new ApiResponse(result.Status, result.Value, result.Headers);
                }
                if (result.Error != null && request.Kind != RequestKind.Token)
                {
                    if (ErrorMapper.IsTokenRejected(result.Status, result.Error.Payload))
                    {
                        if (!CanReauthenticate) throw AccessTokenRejected(request, result.Error);
                        if (retry.Reauthenticated) throw ErrorMapper.FromResponse(request, result.Error);
                        retry.Reauthenticated = true;
                        Tokens.Invalidate(token);
                        log.Verbose("The API refused the access token; requesting a new one and repeating the request once.");
                        retry.Attempt--;
                        continue;
                    }
                    if (result.Status == 404 && request.Method == HttpMethod.Delete && retry.MayHaveBeenProcessed)
                    {
                        log.Verbose($"{request.Method.Method} {request.LogUrl}: already gone after an earlier attempt that may have succeeded.");
                        return new ApiResponse(result.Status, null) { AlreadyGone = true };
                    }
                }
                bool mayHaveBeenProcessed = retry.MayHaveBeenProcessed || MayHaveBeenProcessed(result);
                try
                {
                    await WaitBeforeRetryAsync(request, result, retry, log, cancellationToken, control).ConfigureAwait(false);
                }
                catch (SecuApiException ex) when (mayHaveBeenProcessed && IsChange(request))
                {
                    ex.ChangeMayHaveBeenApplied = true;
                    throw;
                }
            }
        }

        /// <summary>A PUT or DELETE: a change that is safe to repeat, whose outcome a read can settle.</summary>
        private static bool IsChange(ApiRequest request) =>
            request.Kind == RequestKind.Idempotent && (request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete);

        /// <summary>An attempt that may have reached the server and been processed: no answer after sending, or 500, 502, 504.</summary>
        private static bool MayHaveBeenProcessed(AttemptResult result) =>
            result.Failure == FailureKind.LostAfterSending || result.Failure == FailureKind.Timeout
            || (result.Failure == null && (result.Status == 500 || result.Status == 502 || result.Status == 504));

        /// <summary>One attempt: waits for a free slot, then sends with its own timeout and reads the answer; logs one Verbose line.</summary>
        private async Task<AttemptResult> AttemptAsync(ApiRequest request, string token, RetryState retry, ApiLogQueue log,
            CancellationToken cancellationToken, CallControl control)
        {
            string attemptText = retry.Attempt > 1 ? $", attempt {retry.Attempt} of {retry.MaxAttempts}" : string.Empty;
            var result = new AttemptResult();
            var watch = Stopwatch.StartNew();
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                using (var message = BuildMessage(request, token))
                {
                    // The timeout starts once a connection is free, never while the request waits for one.
                    watch.Restart();
                    if (TimeoutSec > 0) attemptCts.CancelAfter(TimeSpan.FromSeconds(TimeoutSec));
                    if (log.DebugEnabled) log.Debug($"{request.Method.Method} {request.LogUrl}" + RequestHeaders.Describe(request.Headers) + (request.DebugBody != null ? " body: " + request.DebugBody : string.Empty));
                    if (request.Kind != RequestKind.Token && request.Method != HttpMethod.Get) control?.MarkChangeSent();
                    try
                    {
                        using (var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptCts.Token).ConfigureAwait(false))
                        {
                            result = await ResponseReader.ReadAsync(response, request, log).ConfigureAwait(false);
                        }
                    }
                    catch (Exception ex) when (message.Content is SentBody body && !body.Complete && !(ex is OperationCanceledException))
                    {
                        // The connection broke while the body was still being written: the server never had the whole
                        // request, so it cannot have processed it.
                        throw new BodyNotSentException(ex);
                    }
                }
                log.Verbose($"{request.Method.Method} {request.LogUrl} -> {result.Status} ({watch.ElapsedMilliseconds} ms{attemptText})");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                log.Verbose($"{request.Method.Method} {request.LogUrl} -> cancelled ({watch.ElapsedMilliseconds} ms{attemptText})");
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is HttpRequestException || ex is System.IO.IOException || ex is BodyNotSentException)
            {
                result.Failure = ex is OperationCanceledException ? FailureKind.Timeout
                    : ex is BodyNotSentException ? FailureKind.BodyNotSent
                    : ex is HttpRequestException ? NetworkFailures.Classify(ex) : FailureKind.LostAfterSending;
                if (ex is BodyNotSentException) ex = ex.InnerException;
                result.FailureException = ex;
                string what = result.Failure == FailureKind.Timeout ? $"timed out after {TimeoutSec} s" : "connection failed: " + ErrorMapper.Innermost(ex);
                log.Verbose($"{request.Method.Method} {request.LogUrl} -> {what} ({watch.ElapsedMilliseconds} ms{attemptText})");
                if (result.Failure == FailureKind.NotSent && request.FailFastWhenUnreachable) throw ErrorMapper.Unreachable(request, ex);
            }
            finally
            {
                _inFlight.Release();
            }
            return result;
        }

        /// <summary>
        /// Decides whether a failed attempt is retried, by the policy table, the attempt count, Retry-After, the end of
        /// the command and the retry budget; throws the final error when it is not, else waits the backoff.
        /// </summary>
        private async Task WaitBeforeRetryAsync(ApiRequest request, AttemptResult result, RetryState retry, ApiLogQueue log,
            CancellationToken cancellationToken, CallControl control)
        {
            var verdict = RetryPolicy.Decide(request.Kind, result.Failure ?? FailureKind.Status, result.Status);
            if (verdict == RetryVerdict.OutcomeUnknown) throw OutcomeUnknown(request, result);
            if (verdict == RetryVerdict.Fail || retry.Attempt >= retry.MaxAttempts) throw Final(request, result, retry.Attempt);
            TimeSpan? retryAfter = ReadRetryAfter(result.RetryAfter);
            if (retryAfter > RetryPolicy.MaxRetryAfter) throw TooLongToWait(request, result, retry.Attempt, retryAfter.Value);
            if (control != null && control.StopSending.IsCancellationRequested)
            {
                log.Verbose($"Not retrying {request.Method.Method} {request.LogUrl}: the command is ending.");
                throw Final(request, result, retry.Attempt);
            }
            int cost = RetryBudget.CostOf(result.Failure ?? FailureKind.Status, result.Status);
            if (!RetryBudget.TryAcquire(cost))
            {
                log.Verbose($"Not retrying {request.Method.Method} {request.LogUrl}: the connection's retry budget is empty, as the API failed repeatedly.");
                var ex = Final(request, result, retry.Attempt)
                    .WithNote("Not retried: the connection's retry budget is empty, as the API failed repeatedly; it refills as requests succeed.");
                ex.RetryBudgetExhausted = true;
                throw ex;
            }
            retry.LastCost = cost;
            // 429 and 503 say the server did not process the request; a failure before sending did not reach it.
            if (result.Failure != FailureKind.NotSent && result.Failure != FailureKind.BodyNotSent && !(result.Failure == null && (result.Status == 429 || result.Status == 503)))
                retry.MayHaveBeenProcessed = true;
            var delay = RetryPolicy.Backoff(retry.Attempt, RetryIntervalSec, retryAfter, Random);
            log.Verbose($"Retrying {request.Method.Method} {request.LogUrl} in {delay.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture)} s" +
                        (retryAfter.HasValue ? " (Retry-After)" : string.Empty) + $", attempt {retry.Attempt + 1} of {retry.MaxAttempts}.");
            if (delay <= TimeSpan.Zero) return;
            var stopSending = control?.StopSending ?? CancellationToken.None;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopSending))
            {
                try
                {
                    await Delay(delay, wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    log.Verbose($"Not retrying {request.Method.Method} {request.LogUrl}: the command is ending.");
                    throw Final(request, result, retry.Attempt);
                }
            }
        }

        /// <summary>Where one request stands across its attempts.</summary>
        private sealed class RetryState
        {
            public RetryState(int maxAttempts) => MaxAttempts = maxAttempts;

            public int MaxAttempts { get; }
            public int Attempt { get; set; }
            public bool Reauthenticated { get; set; }

            /// <summary>An earlier attempt may have reached the server (a DELETE's later 404 then means done).</summary>
            public bool MayHaveBeenProcessed { get; set; }

            /// <summary>What the last retry took from the budget; a success gives it back.</summary>
            public int LastCost { get; set; }
        }

        private static SecuApiException NotAttempted(ApiRequest request) =>
            new SecuApiException(SecuErrorKind.NotAttempted, ErrorIds.NotAttempted,
                $"{request.Method.Method} {request.LogUrl} was not sent: the command was ending.")
            { Method = request.Method.Method, RequestUri = request.Uri };

        private HttpRequestMessage BuildMessage(ApiRequest request, string token)
        {
            var message = new HttpRequestMessage(request.Method, request.Uri);
            if (token != null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (request.ContentFactory != null) message.Content = request.ContentFactory();
            else if (request.JsonBody != null)
            {
                var content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
                if (request.ContentType != null) content.Headers.ContentType = request.ContentType;
                var body = new SentBody(content);
                // A large body waits for the server's go-ahead, so a refusal (413) is read before the body is sent
                // rather than lost in a connection the server closes while the body is still arriving.
                if (request.JsonBody.Length >= SentBody.ExpectContinueFrom) message.Headers.ExpectContinue = true;
                message.Content = body;
            }
            RequestHeaders.Apply(message, request.Headers);
            return message;
        }

        private TimeSpan? ReadRetryAfter(RetryConditionHeaderValue header)
        {
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - Clock();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        private SecuApiException OutcomeUnknown(ApiRequest request, AttemptResult result)
        {
            string reason = result.Failure == FailureKind.Timeout ? $"no answer within {TimeoutSec} s"
                : result.Failure.HasValue ? "the connection was lost after sending (" + ErrorMapper.Innermost(result.FailureException) + ")"
                : $"the API answered HTTP {result.Status}";
            return ErrorMapper.OutcomeUnknown(request, reason, result.Error, result.FailureException);
        }

        private SecuApiException Final(ApiRequest request, AttemptResult result, int attempts)
        {
            if (result.Failure == FailureKind.Timeout) return ErrorMapper.Timeout(request, TimeoutSec, attempts, result.FailureException);
            if (result.Failure.HasValue) return ErrorMapper.Network(request, attempts, result.FailureException);
            return ErrorMapper.FromResponse(request, result.Error);
        }

        /// <summary>A Retry-After beyond what this module waits: a 429 is RateLimited, any other status its own error.</summary>
        private SecuApiException TooLongToWait(ApiRequest request, AttemptResult result, int attempts, TimeSpan retryAfter)
        {
            var ex = Final(request, result, attempts);
            if (result.Status != 429) return ex;
            return new SecuApiException(SecuErrorKind.RateLimited, ErrorIds.RateLimited,
                $"The API asked to wait {retryAfter.TotalSeconds:0} s before retrying, longer than the {RetryPolicy.MaxRetryAfter.TotalSeconds:0} s this module waits. Try again later. ({request.Method.Method} {request.LogUrl})")
            { StatusCode = result.Status, Method = request.Method.Method, RequestUri = request.Uri, Error = ex.Error, Code = ex.Code, Details = ex.Details, SupportId = ex.SupportId };
        }

        private SecuApiException AccessTokenRejected(ApiRequest request, ErrorAnswer answer)
        {
            var ex = ErrorMapper.FromResponse(request, answer);
            return new SecuApiException(SecuErrorKind.AuthenticationFailed, ErrorIds.ProductNotAllowedException,
                "The access token given to Connect-SecuConnect -AccessToken has expired or is not valid, and a caller-supplied " +
                "token cannot be renewed. Run Connect-SecuConnect again with a new token, or with -Credential so the module renews tokens itself." +
                (ex.SupportId != null ? $" (supportId {ex.SupportId})" : string.Empty))
            {
                StatusCode = answer.Status, Error = ex.Error, Code = ex.Code, Details = ex.Details, SupportId = ex.SupportId,
                Method = request.Method.Method, RequestUri = request.Uri,
            };
        }
    }
}
