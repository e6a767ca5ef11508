using System;

namespace SecuConnect.Api
{
    /// <summary>
    /// Which failures are retried. 429 and 503 mean the server did not process the request, so every request is
    /// retried; 500, 502, 504, timeouts and lost connections may hide a processed request, which is harmless to
    /// repeat for GET, PUT, DELETE and the token, but would duplicate a customer POST.
    /// </summary>
    internal static class RetryPolicy
    {
        public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
        public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

        public static RetryVerdict Decide(RequestKind kind, FailureKind failure, int status = 0)
        {
            switch (failure)
            {
                case FailureKind.NotSent:
                case FailureKind.BodyNotSent:
                    return RetryVerdict.Retry;
                case FailureKind.LostAfterSending:
                case FailureKind.Timeout:
                    return kind == RequestKind.Create ? RetryVerdict.OutcomeUnknown : RetryVerdict.Retry;
            }
            if (status == 429 || status == 503) return RetryVerdict.Retry;
            if (status == 500 || status == 502 || status == 504)
                return kind == RequestKind.Create ? RetryVerdict.OutcomeUnknown : RetryVerdict.Retry;
            return RetryVerdict.Fail;
        }

        /// <summary>
        /// The wait before retry number <paramref name="retry"/> (1-based): Retry-After when the server gave one,
        /// else full jitter over RetryIntervalSec × 2^(retry-1), capped at 30 s.
        /// </summary>
        public static TimeSpan Backoff(int retry, double retryIntervalSec, TimeSpan? retryAfter, Func<double> random)
        {
            if (retryAfter.HasValue) return retryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : retryAfter.Value;
            double ceiling = retryIntervalSec * Math.Pow(2, Math.Max(0, retry - 1));
            if (double.IsInfinity(ceiling) || ceiling > MaxBackoff.TotalSeconds) ceiling = MaxBackoff.TotalSeconds;
            double r = random();
            if (r < 0) r = 0;
            if (r > 1) r = 1;
            return TimeSpan.FromMilliseconds(Math.Round(ceiling * r * 1000));
        }
    }
}
