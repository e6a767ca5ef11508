using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>The one table of what a failed attempt means: retried or not, maybe processed, and its retry cost.</summary>
public class AnswerClassifierTests
{
    private const int Status = 0, NotSent = 1, BodyNotSent = 2, Lost = 3, Timeout = 4;
    private const int Idempotent = 0, NonIdempotent = 1, Token = 2;
    private const string Retry = "Retry", Fail = "Fail", Unknown = "OutcomeUnknown";

    [Theory]
    // kind, failure, status -> verdict, may have been processed, retry cost
    [InlineData(Idempotent, Status, 429, Retry, false, 0)]
    [InlineData(Idempotent, Status, 503, Retry, false, RetryBudget.RetryCost)]
    [InlineData(Idempotent, Status, 500, Retry, true, RetryBudget.RetryCost)]
    [InlineData(Idempotent, Status, 502, Retry, true, RetryBudget.RetryCost)]
    [InlineData(Idempotent, Status, 504, Retry, true, RetryBudget.RetryCost)]
    [InlineData(Idempotent, Status, 501, Fail, false, RetryBudget.RetryCost)]
    [InlineData(Idempotent, Status, 400, Fail, false, RetryBudget.RetryCost)]
    [InlineData(Idempotent, Status, 404, Fail, false, RetryBudget.RetryCost)]
    [InlineData(Idempotent, NotSent, 0, Retry, false, RetryBudget.TimeoutRetryCost)]
    [InlineData(Idempotent, BodyNotSent, 0, Retry, false, RetryBudget.TimeoutRetryCost)]
    [InlineData(Idempotent, Lost, 0, Retry, true, RetryBudget.TimeoutRetryCost)]
    [InlineData(Idempotent, Timeout, 0, Retry, true, RetryBudget.TimeoutRetryCost)]
    [InlineData(NonIdempotent, Status, 429, Retry, false, 0)]
    [InlineData(NonIdempotent, Status, 503, Retry, false, RetryBudget.RetryCost)]
    [InlineData(NonIdempotent, Status, 500, Unknown, true, RetryBudget.RetryCost)]
    [InlineData(NonIdempotent, Status, 502, Unknown, true, RetryBudget.RetryCost)]
    [InlineData(NonIdempotent, Status, 504, Unknown, true, RetryBudget.RetryCost)]
    [InlineData(NonIdempotent, Status, 400, Fail, false, RetryBudget.RetryCost)]
    [InlineData(NonIdempotent, NotSent, 0, Retry, false, RetryBudget.TimeoutRetryCost)]
    [InlineData(NonIdempotent, BodyNotSent, 0, Retry, false, RetryBudget.TimeoutRetryCost)]
    [InlineData(NonIdempotent, Lost, 0, Unknown, true, RetryBudget.TimeoutRetryCost)]
    [InlineData(NonIdempotent, Timeout, 0, Unknown, true, RetryBudget.TimeoutRetryCost)]
    [InlineData(Token, Status, 500, Retry, true, RetryBudget.RetryCost)]
    [InlineData(Token, Status, 429, Retry, false, 0)]
    [InlineData(Token, Status, 400, Fail, false, RetryBudget.RetryCost)]
    [InlineData(Token, Timeout, 0, Retry, true, RetryBudget.TimeoutRetryCost)]
    public void Every_failure_has_one_meaning(int kind, int failure, int status, string verdict, bool processed, int cost)
    {
        var meaning = AnswerClassifier.Classify((RequestKind)kind, (FailureKind)failure, status);
        Assert.Equal(verdict, meaning.Verdict.ToString());
        Assert.Equal(processed, meaning.MayHaveBeenProcessed);
        Assert.Equal(cost, meaning.RetryCost);
    }

    [Fact]
    public void The_policy_and_the_budget_read_the_classifier()
    {
        foreach (FailureKind failure in Enum.GetValues(typeof(FailureKind)))
            foreach (int status in new[] { 0, 400, 404, 429, 500, 501, 502, 503, 504 })
            {
                var meaning = AnswerClassifier.Classify(RequestKind.NonIdempotent, failure, status);
                Assert.Equal(meaning.Verdict, RetryPolicy.Decide(RequestKind.NonIdempotent, failure, status));
                Assert.Equal(meaning.RetryCost, RetryBudget.CostOf(failure, status));
            }
    }

    [Fact]
    public void The_constants_above_match_the_enums()
    {
        Assert.Equal(new[] { "Status", "NotSent", "BodyNotSent", "LostAfterSending", "Timeout" }, Enum.GetNames(typeof(FailureKind)));
        Assert.Equal(new[] { "Idempotent", "NonIdempotent", "Token" }, Enum.GetNames(typeof(RequestKind)));
    }

    [Fact]
    public void A_meaning_reads_as_its_three_parts_in_logs_and_test_names()
    {
        Assert.Equal("OutcomeUnknown, processed: maybe, cost 5", AnswerClassifier.Classify(RequestKind.NonIdempotent, FailureKind.Status, 500).ToString());
        Assert.Equal("Retry, processed: no, cost 0", AnswerClassifier.Classify(RequestKind.Idempotent, FailureKind.Status, 429).ToString());
    }
}
