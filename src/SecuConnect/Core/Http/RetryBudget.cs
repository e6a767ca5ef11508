using System;
using System.Threading;

namespace SecuConnect.Core
{
    /// <summary>
    /// A retry quota shared by every request of one connection, in the manner of the AWS SDKs' retry quota: a
    /// retry spends from it, a success refills it. While the API answers, retries cost nothing in the long run
    /// (a request that succeeds after a retry gives its cost back, any other success adds one); when the API
    /// keeps failing, the budget runs out after about twenty retries and requests then fail at once instead of
    /// each waiting through its own retries. 429 answers do not spend: the API is alive and says when to come back.
    /// </summary>
    internal sealed class RetryBudget
    {
        /// <summary>What a new connection starts with, and the most the budget holds.</summary>
        public const int Capacity = 100;

        /// <summary>Cost of retrying after a 5xx answer.</summary>
        public const int RetryCost = 5;

        /// <summary>Cost of retrying after a timeout or a connection failure, which tie up a request far longer.</summary>
        public const int TimeoutRetryCost = 10;

        /// <summary>What a success on the first attempt adds.</summary>
        public const int SuccessIncrement = 1;

        private int _available = Capacity;

        public int Available => Volatile.Read(ref _available);

        /// <summary>The cost of a retry after <paramref name="failure"/> (0 for a 429 answer), as <see cref="AnswerClassifier"/> rates it.</summary>
        public static int CostOf(FailureKind failure, int status) =>
            AnswerClassifier.Classify(RequestKind.Idempotent, failure, status).RetryCost;

        /// <summary>Takes <paramref name="cost"/> for one retry; false (and nothing taken) when the budget cannot pay it.</summary>
        public bool TryAcquire(int cost)
        {
            if (cost <= 0) return true;
            while (true)
            {
                int now = Volatile.Read(ref _available);
                if (now < cost) return false;
                if (Interlocked.CompareExchange(ref _available, now - cost, now) == now) return true;
            }
        }

        /// <summary>A request succeeded: give back what its last retry cost, or add <see cref="SuccessIncrement"/> when it needed none.</summary>
        public void OnSuccess(int lastRetryCost)
        {
            int refill = lastRetryCost > 0 ? lastRetryCost : SuccessIncrement;
            while (true)
            {
                int now = Volatile.Read(ref _available);
                int next = Math.Min(Capacity, now + refill);
                if (next == now || Interlocked.CompareExchange(ref _available, next, now) == now) return;
            }
        }
    }
}
