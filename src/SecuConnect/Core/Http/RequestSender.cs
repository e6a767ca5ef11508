using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SecuConnect.Core
{
    /// <summary>
    /// The send loop of one <see cref="SecuConnection"/>: attempts with a timeout each and a bounded number in flight,
    /// one reader per answer, the retry decisions of <see cref="AnswerClassifier"/> paid from the connection's retry
    /// budget, one re-authentication after a refused token, and the final error. The connection stays the handle
    /// users hold (settings, token); this class does the sending.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
        Justification = "The SemaphoreSlim's wait handle is never created, so it holds nothing to release; disposing it when the connection closes would fail the requests still in flight.")]
    internal sealed class RequestSender
    {
        private readonly SecuConnection _connection;
        private readonly HttpClient _http;

        // At most as many requests in flight as the handler has connections per host, so none waits inside the handler
        // for a connection while its -TimeoutSec runs (.NET Framework's default would be 2).
        private readonly SemaphoreSlim _inFlight;

        public RequestSender(SecuConnection connection, HttpClient http, int maxRequestsInFlight)
        {
            _connection = connection;
            _http = http;
            _inFlight = new SemaphoreSlim(maxRequestsInFlight, maxRequestsInFlight);
        }

        /// <summary>
        /// Sends a request with the retry policy, a timeout per attempt, and one re-authentication after the API
        /// refuses the token. Returns only on success; every failure is a <see cref="SecuApiException"/>, and a
        /// cancellation by the caller an OperationCanceledException.
        /// </summary>
        public async Task<ApiResponse<T>> SendAsync<T>(ApiRequest<T> request, ApiLogQueue log, CancellationToken cancellationToken, CallControl? control = null)
        {
            try
            {
                return await SendWithRetriesAsync(request, log, cancellationToken, control).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (_connection.IsDisposed)
            {
                // Disconnect-SecuConnect in another runspace closed the connection while this request waited or ran.
                _connection.ThrowIfDisposed();
                throw;
            }
        }

        /// <summary>The attempts of one request: each answer is settled (success, token refusal, already gone) or retried by the policy.</summary>
        private async Task<ApiResponse<T>> SendWithRetriesAsync<T>(ApiRequest<T> request, ApiLogQueue log, CancellationToken cancellationToken, CallControl? control)
        {
            _connection.ThrowIfDisposed();
            var retry = new RetryState(request.MaxAttempts ?? 1 + _connection.MaximumRetryCount);
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
                string? token = request.Kind == RequestKind.Token ? null : await _connection.GetAccessTokenAsync(log, cancellationToken).ConfigureAwait(false);
                var result = await AttemptAsync(request, token, retry, log, cancellationToken, control).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    if (result.ReadError != null) throw ErrorMapper.InvalidAnswer(request, result.Status, result.ReadError);
                    _connection.RetryBudget.OnSuccess(retry.LastCost);
                    return new ApiResponse<T>(result.Status, result.Value, result.Headers);
                }
                if (result.Error != null && request.Kind != RequestKind.Token)
                {
                    if (ErrorMapper.IsTokenRejected(result.Status, result.Error.Payload))
                    {
                        if (!_connection.CanReauthenticate) throw AccessTokenRejected(request, result.Error);
                        if (retry.Reauthenticated) throw ErrorMapper.FromResponse(request, result.Error);
                        retry.Reauthenticated = true;
                        _connection.Tokens.Invalidate(token);
                        log.Verbose("The API refused the access token; requesting a new one and repeating the request once.");
                        retry.Attempt--;
                        continue;
                    }
                    if (result.Status == 404 && request.Method == HttpMethod.Delete && retry.MayHaveBeenProcessed)
                    {
                        log.Verbose($"{request.Method.Method} {request.LogUrl}: already gone after an earlier attempt that may have succeeded.");
                        return new ApiResponse<T>(result.Status, default(T)) { AlreadyGone = true };
                    }
                }
                var meaning = AnswerClassifier.Classify(request.Kind, result.Failure ?? FailureKind.Status, result.Status);
                bool mayHaveBeenProcessed = retry.MayHaveBeenProcessed || meaning.MayHaveBeenProcessed;
                try
                {
                    await WaitBeforeRetryAsync(request, result, meaning, retry, log, cancellationToken, control).ConfigureAwait(false);
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

        /// <summary>One attempt: waits for a free slot, then sends with its own timeout and reads the answer; logs one Verbose line.</summary>
        private async Task<AttemptResult<T>> AttemptAsync<T>(ApiRequest<T> request, string? token, RetryState retry, ApiLogQueue log,
            CancellationToken cancellationToken, CallControl? control)
        {
            var result = new AttemptResult<T>();
            var watch = Stopwatch.StartNew();
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                using (var message = BuildMessage(request, token))
                {
                    // The timeout starts once a connection is free, never while the request waits for one.
                    watch.Restart();
                    if (_connection.TimeoutSec > 0) attemptCts.CancelAfter(TimeSpan.FromSeconds(_connection.TimeoutSec));
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
                if (log.VerboseEnabled) log.Verbose($"{request.Method.Method} {request.LogUrl} -> {result.Status} ({watch.ElapsedMilliseconds} ms{AttemptText(retry)})");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                log.Verbose($"{request.Method.Method} {request.LogUrl} -> cancelled ({watch.ElapsedMilliseconds} ms{AttemptText(retry)})");
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is HttpRequestException || ex is System.IO.IOException || ex is BodyNotSentException)
            {
                result.Failure = ex is OperationCanceledException ? FailureKind.Timeout
                    : ex is BodyNotSentException ? FailureKind.BodyNotSent
                    : ex is HttpRequestException ? NetworkFailures.Classify(ex) : FailureKind.LostAfterSending;
                if (ex is BodyNotSentException) ex = ex.InnerException;
                result.FailureException = ex;
                string what = result.Failure == FailureKind.Timeout ? $"timed out after {_connection.TimeoutSec} s" : "connection failed: " + ErrorMapper.Innermost(ex);
                log.Verbose($"{request.Method.Method} {request.LogUrl} -> {what} ({watch.ElapsedMilliseconds} ms{AttemptText(retry)})");
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
        private async Task WaitBeforeRetryAsync<T>(ApiRequest request, AttemptResult<T> result, AnswerMeaning meaning, RetryState retry, ApiLogQueue log,
            CancellationToken cancellationToken, CallControl? control)
        {
            var verdict = meaning.Verdict;
            if (verdict == RetryVerdict.OutcomeUnknown) throw OutcomeUnknown(request, result);
            if (verdict == RetryVerdict.Fail || retry.Attempt >= retry.MaxAttempts) throw Final(request, result, retry.Attempt);
            TimeSpan? retryAfter = ReadRetryAfter(result.RetryAfter);
            if (retryAfter > RetryPolicy.MaxRetryAfter) throw TooLongToWait(request, result, retry.Attempt, retryAfter.Value);
            if (control != null && control.StopSending.IsCancellationRequested)
            {
                log.Verbose($"Not retrying {request.Method.Method} {request.LogUrl}: the command is ending.");
                throw Final(request, result, retry.Attempt);
            }
            int cost = meaning.RetryCost;
            if (!_connection.RetryBudget.TryAcquire(cost))
            {
                log.Verbose($"Not retrying {request.Method.Method} {request.LogUrl}: the connection's retry budget is empty, as the API failed repeatedly.");
                var ex = Final(request, result, retry.Attempt)
                    .WithNote("Not retried: the connection's retry budget is empty, as the API failed repeatedly; it refills as requests succeed.");
                ex.RetryBudgetExhausted = true;
                throw ex;
            }
            retry.LastCost = cost;
            if (meaning.MayHaveBeenProcessed) retry.MayHaveBeenProcessed = true;
            var delay = RetryPolicy.Backoff(retry.Attempt, _connection.RetryIntervalSec, retryAfter, _connection.Random);
            log.Verbose($"Retrying {request.Method.Method} {request.LogUrl} in {delay.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture)} s" +
                        (retryAfter.HasValue ? " (Retry-After)" : string.Empty) + $", attempt {retry.Attempt + 1} of {retry.MaxAttempts}.");
            if (delay <= TimeSpan.Zero) return;
            var stopSending = control?.StopSending ?? CancellationToken.None;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopSending))
            {
                try
                {
                    await _connection.Delay(delay, wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    log.Verbose($"Not retrying {request.Method.Method} {request.LogUrl}: the command is ending.");
                    throw Final(request, result, retry.Attempt);
                }
            }
        }

        private static string AttemptText(RetryState retry) =>
            retry.Attempt > 1 ? $", attempt {retry.Attempt} of {retry.MaxAttempts}" : string.Empty;

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

        private static HttpRequestMessage BuildMessage(ApiRequest request, string? token)
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

        private TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header)
        {
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - _connection.Clock();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        private SecuApiException OutcomeUnknown<T>(ApiRequest request, AttemptResult<T> result)
        {
            string reason = result.Failure == FailureKind.Timeout ? $"no answer within {_connection.TimeoutSec} s"
                : result.Failure.HasValue ? "the connection was lost after sending (" + ErrorMapper.Innermost(result.FailureException) + ")"
                : $"the API answered HTTP {result.Status}";
            return ErrorMapper.OutcomeUnknown(request, reason, result.Error, result.FailureException);
        }

        private SecuApiException Final<T>(ApiRequest request, AttemptResult<T> result, int attempts)
        {
            if (result.Failure == FailureKind.Timeout) return ErrorMapper.Timeout(request, _connection.TimeoutSec, attempts, result.FailureException);
            if (result.Failure.HasValue) return ErrorMapper.Network(request, attempts, result.FailureException);
            return ErrorMapper.FromResponse(request, result.Error!); // an attempt that failed with no transport failure was answered
        }

        /// <summary>A Retry-After beyond what this module waits: a 429 is RateLimited, any other status its own error.</summary>
        private SecuApiException TooLongToWait<T>(ApiRequest request, AttemptResult<T> result, int attempts, TimeSpan retryAfter)
        {
            var ex = Final(request, result, attempts);
            if (result.Status != 429) return ex;
            return new SecuApiException(SecuErrorKind.RateLimited, ErrorIds.RateLimited,
                $"The API asked to wait {retryAfter.TotalSeconds:0} s before retrying, longer than the {RetryPolicy.MaxRetryAfter.TotalSeconds:0} s this module waits. Try again later. ({request.Method.Method} {request.LogUrl})",
                null, ex.Info.With(statusCode: result.Status).For(request));
        }

        private static SecuApiException AccessTokenRejected(ApiRequest request, ErrorAnswer answer)
        {
            var ex = ErrorMapper.FromResponse(request, answer);
            return new SecuApiException(SecuErrorKind.AuthenticationFailed, ErrorIds.ProductNotAllowedException,
                "The access token given to Connect-SecuConnect -AccessToken has expired or is not valid, and a caller-supplied " +
                "token cannot be renewed. Run Connect-SecuConnect again with a new token, or with -Credential so the module renews tokens itself." +
                (ex.SupportId != null ? $" (supportId {ex.SupportId})" : string.Empty), null, ex.Info.With(statusCode: answer.Status).For(request));
        }
    }
}
