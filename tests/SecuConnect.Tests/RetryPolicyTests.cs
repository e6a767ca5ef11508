using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(RequestKind.Idempotent, 429, RetryVerdict.Retry)]
    [InlineData(RequestKind.Idempotent, 500, RetryVerdict.Retry)]
    [InlineData(RequestKind.Idempotent, 502, RetryVerdict.Retry)]
    [InlineData(RequestKind.Idempotent, 503, RetryVerdict.Retry)]
    [InlineData(RequestKind.Idempotent, 504, RetryVerdict.Retry)]
    [InlineData(RequestKind.Idempotent, 400, RetryVerdict.Fail)]
    [InlineData(RequestKind.Idempotent, 403, RetryVerdict.Fail)]
    [InlineData(RequestKind.Idempotent, 404, RetryVerdict.Fail)]
    [InlineData(RequestKind.Idempotent, 501, RetryVerdict.Fail)]
    [InlineData(RequestKind.Token, 500, RetryVerdict.Retry)]
    [InlineData(RequestKind.Token, 400, RetryVerdict.Fail)]
    [InlineData(RequestKind.NonIdempotent, 429, RetryVerdict.Retry)]
    [InlineData(RequestKind.NonIdempotent, 503, RetryVerdict.Retry)]
    [InlineData(RequestKind.NonIdempotent, 500, RetryVerdict.OutcomeUnknown)]
    [InlineData(RequestKind.NonIdempotent, 502, RetryVerdict.OutcomeUnknown)]
    [InlineData(RequestKind.NonIdempotent, 504, RetryVerdict.OutcomeUnknown)]
    [InlineData(RequestKind.NonIdempotent, 400, RetryVerdict.Fail)]
    // The enums are internal, so a public theory takes them as object.
    public void Status_decisions_follow_the_table(object kind, int status, object expected)
    {
        Assert.Equal((RetryVerdict)expected, RetryPolicy.Decide((RequestKind)kind, FailureKind.Status, status));
    }

    [Theory]
    [InlineData(RequestKind.Idempotent, FailureKind.NotSent, RetryVerdict.Retry)]
    [InlineData(RequestKind.Idempotent, FailureKind.LostAfterSending, RetryVerdict.Retry)]
    [InlineData(RequestKind.Idempotent, FailureKind.Timeout, RetryVerdict.Retry)]
    [InlineData(RequestKind.Token, FailureKind.Timeout, RetryVerdict.Retry)]
    [InlineData(RequestKind.NonIdempotent, FailureKind.NotSent, RetryVerdict.Retry)]
    [InlineData(RequestKind.NonIdempotent, FailureKind.LostAfterSending, RetryVerdict.OutcomeUnknown)]
    [InlineData(RequestKind.NonIdempotent, FailureKind.Timeout, RetryVerdict.OutcomeUnknown)]
    public void Network_decisions_follow_the_table(object kind, object failure, object expected)
    {
        Assert.Equal((RetryVerdict)expected, RetryPolicy.Decide((RequestKind)kind, (FailureKind)failure));
    }

    [Theory]
    [InlineData(1, 1.0, 1.0)]
    [InlineData(2, 1.0, 2.0)]
    [InlineData(3, 1.0, 4.0)]
    [InlineData(3, 0.5, 2.0)]
    [InlineData(10, 1.0, 30.0)]
    [InlineData(40, 1.0, 30.0)]
    [InlineData(4, 0.0, 0.0)]
    public void Backoff_is_full_jitter_over_an_exponential_ceiling_capped_at_thirty_seconds(int retry, double random, double expectedSeconds)
    {
        var delay = RetryPolicy.Backoff(retry, 1, null, () => random);
        Assert.Equal(expectedSeconds, delay.TotalSeconds, 3);
    }

    [Fact]
    public void Retry_after_wins_over_backoff()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.Backoff(1, 1, TimeSpan.FromSeconds(7), () => 0.1));
    }

    [Fact]
    public void A_retry_after_in_the_past_means_no_wait()
    {
        // A server clock behind ours gives a Retry-After date already passed: retry at once, never a negative delay.
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Backoff(1, 1, TimeSpan.FromSeconds(-3), () => 0.5));
    }

    [Theory]
    [InlineData(-0.5, 0.0)]
    [InlineData(1.5, 4.0)]
    public void A_random_source_outside_zero_to_one_is_clamped_to_the_ceiling(double random, double expectedSeconds)
    {
        Assert.Equal(expectedSeconds, RetryPolicy.Backoff(3, 1, null, () => random).TotalSeconds, 3);
    }
}
