using System;

namespace SecuConnect.Core
{
    /// <summary>
    /// How long to wait between attempts. Which failures are retried at all is <see cref="AnswerClassifier"/>'s table.
    /// </summary>
    internal static class RetryPolicy
    {
        public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
        public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

        /// <summary>Whether a failure is retried: the verdict of <see cref="AnswerClassifier"/>.</summary>
        public static RetryVerdict Decide(RequestKind kind, FailureKind failure, int status = 0) =>
            AnswerClassifier.Classify(kind, failure, status).Verdict;

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
