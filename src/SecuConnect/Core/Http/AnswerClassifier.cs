namespace SecuConnect.Core
{
    /// <summary>
    /// What one failed attempt means, decided in one place: whether it is retried, whether the server may have
    /// processed the request (so a repeat of a change may find it done, and a non-idempotent request must not be
    /// repeated), and what a retry costs the connection's <see cref="RetryBudget"/>.
    /// </summary>
    internal readonly struct AnswerMeaning
    {
        public AnswerMeaning(RetryVerdict verdict, bool mayHaveBeenProcessed, int retryCost)
        {
            Verdict = verdict;
            MayHaveBeenProcessed = mayHaveBeenProcessed;
            RetryCost = retryCost;
        }

        public RetryVerdict Verdict { get; }

        /// <summary>The request may have reached the server and been processed: no answer after sending, or 500, 502, 504.</summary>
        public bool MayHaveBeenProcessed { get; }

        /// <summary>What retrying takes from the retry budget.</summary>
        public int RetryCost { get; }

        public override string ToString() => $"{Verdict}, processed: {(MayHaveBeenProcessed ? "maybe" : "no")}, cost {RetryCost}";
    }

    /// <summary>
    /// The one table of failed attempts. 429 and 503 say the server did not process the request, and a failure before
    /// sending never reached it: every request is retried. 500, 502, 504, timeouts and connections lost after sending
    /// may hide a processed request: repeating is harmless for idempotent requests and the token, but would apply a
    /// non-idempotent one twice (a second customer), so that one ends as OutcomeUnknown. Other statuses are final.
    /// A 429 costs the budget nothing (the API is alive and says when to come back); a timeout or connection failure
    /// costs more than a 5xx answer, as it ties a request up far longer.
    /// </summary>
    internal static class AnswerClassifier
    {
        public static AnswerMeaning Classify(RequestKind kind, FailureKind failure, int status = 0)
        {
            switch (failure)
            {
                case FailureKind.NotSent:
                case FailureKind.BodyNotSent:
                    return new AnswerMeaning(RetryVerdict.Retry, false, RetryBudget.TimeoutRetryCost);
                case FailureKind.LostAfterSending:
                case FailureKind.Timeout:
                    return new AnswerMeaning(RepeatUnlessNonIdempotent(kind), true, RetryBudget.TimeoutRetryCost);
            }
            if (status == 429) return new AnswerMeaning(RetryVerdict.Retry, false, 0);
            if (status == 503) return new AnswerMeaning(RetryVerdict.Retry, false, RetryBudget.RetryCost);
            if (status == 500 || status == 502 || status == 504)
                return new AnswerMeaning(RepeatUnlessNonIdempotent(kind), true, RetryBudget.RetryCost);
            return new AnswerMeaning(RetryVerdict.Fail, false, RetryBudget.RetryCost);
        }

        private static RetryVerdict RepeatUnlessNonIdempotent(RequestKind kind) =>
            kind == RequestKind.NonIdempotent ? RetryVerdict.OutcomeUnknown : RetryVerdict.Retry;
    }
}
