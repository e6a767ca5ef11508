using SecuConnect.Core;
using SecuConnect.Customers;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// A fake command for <see cref="BulkRun"/>: records what the run writes, in order, and finishes a call only when
/// the run waits for it, so each test decides which calls are still in flight. No runspace, no threads, no sleeps.
/// </summary>
internal sealed class FakeBulkCommand : IBulkRunOutput
{
    private readonly Dictionary<Task, (string Name, Action Finish)> _calls = new();

    public FakeBulkCommand(int throttleLimit = 4)
    {
        Run = new BulkRun(this, new BulkRunSettings
        {
            Command = "New-Thing", Past = "created", Noun = "thing", ReadCommand = "Get-Thing", ThrottleLimit = throttleLimit,
            // An early end finds each call either finished or held by its test: no wait, and the cancellation is observed at once.
            InFlightGrace = TimeSpan.Zero, CancelGrace = TimeSpan.FromSeconds(30),
        });
    }

    public BulkRun Run { get; }
    public List<string> Events { get; } = new();
    public List<SecuApiException> Errors { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<BulkSummary> Summaries { get; } = new();
    public Dictionary<string, CallControl> Controls { get; } = new();
    public Dictionary<string, CancellationToken> Tokens { get; } = new();

    /// <summary>Thrown by the next write of a record's output (a downstream stop, say).</summary>
    public Exception? FailNextOutput { get; set; }

    /// <summary>Thrown when the run writes a record's failure (a session failure's terminating error).</summary>
    public Exception? FailOnFailure { get; set; }

    /// <summary>
    /// Submits record <paramref name="name"/> (target "row name"); its call returns <paramref name="name"/> when the run
    /// waits for it, or does <paramref name="whenWaited"/> then. Returns the call's completion source, for a test to
    /// finish it earlier.
    /// </summary>
    public TaskCompletionSource<string> Submit(string name, string? key = null, Action<TaskCompletionSource<string>>? whenWaited = null)
    {
        var call = new TaskCompletionSource<string>();
        Run.Submit<string>(key, "row " + name, (log, control, ct) =>
            {
                Events.Add("start " + name);
                Controls[name] = control;
                Tokens[name] = ct;
                ct.Register(() => call.TrySetCanceled());
                _calls[call.Task] = (name, () => (whenWaited ?? (c => c.SetResult(name)))(call));
                return call.Task;
            },
            result =>
            {
                if (FailNextOutput is { } stop)
                {
                    FailNextOutput = null;
                    throw stop;
                }
                Events.Add("output " + result);
            },
            (result, k) => $"thing {result}" + (k == null ? "" : $" of {k}"));
        return call;
    }

    public void Fails(string name, SecuErrorKind kind, string errorId, string? key = null) =>
        Submit(name, key, c => c.SetException(new SecuApiException(kind, errorId, $"{name} failed.") { StatusCode = 503, SupportId = "sup-" + name }));

    public static SecuApiException Unavailable(string name) =>
        new(SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable, $"The API is unavailable for {name}.") { StatusCode = 503, SupportId = "sup-" + name };

    public void WaitFor(Task call)
    {
        if (call.IsCompleted) return;
        var (name, finish) = _calls[call];
        Events.Add("wait " + name);
        finish();
        Assert.True(call.IsCompleted, $"The test left {name} running while the run waits for it.");
    }

    public void WriteLog(ApiLogQueue? log)
    {
    }

    public void WriteFailure(SecuApiException error, object? target)
    {
        Errors.Add(error);
        Events.Add($"error {error.ErrorId} {target}");
        if (FailOnFailure != null) throw FailOnFailure;
    }

    public void WriteNotAttempted(SecuApiException notSent, object? target)
    {
        Errors.Add(notSent);
        Events.Add($"not attempted {target}");
    }

    public void WriteVerbose(string line) => Events.Add("verbose " + line);

    public void WarnAfterEnd(string warning)
    {
        Warnings.Add(warning);
        Events.Add("warning");
    }

    public string RowText(object? target) => target?.ToString() ?? "(no input)";

    public void ShowProgress(int finished, int received, int inFlight)
    {
    }

    public void CompleteProgress(int finished, int received)
    {
    }

    public void WriteSummary(BulkSummary summary)
    {
        Summaries.Add(summary);
        Events.Add("summary");
    }
}

public class BulkRunTests
{
    private static void AssertCounts(BulkSummary summary, int done, int failed, int unknown, int notAttempted)
    {
        Assert.Equal((done, failed, unknown, notAttempted), (summary.Done, summary.Failed, summary.Unknown, summary.NotAttempted));
    }

    [Fact]
    public void Outputs_follow_the_input_order_whatever_order_the_calls_finish_in()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        var a = command.Submit("a");
        var b = command.Submit("b");
        var c = command.Submit("c");
        c.SetResult("c");
        b.SetResult("b");
        command.Run.Finish();

        Assert.Equal(new[] { "start a", "start b", "start c", "wait a", "output a", "output b", "output c", "summary" }, command.Events);
        Assert.Equal(TaskStatus.RanToCompletion, a.Task.Status);
    }

    [Fact]
    public void Finished_calls_at_the_head_are_written_as_the_next_record_comes()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        var a = command.Submit("a");
        command.Submit("b");
        a.SetResult("a");
        command.Submit("c");

        Assert.Equal(new[] { "start a", "start b", "start c", "output a" }, command.Events);
        Assert.Equal(2, command.Run.InFlight);
    }

    [Fact]
    public void No_more_than_ThrottleLimit_calls_are_in_flight()
    {
        var command = new FakeBulkCommand(throttleLimit: 2);
        foreach (var name in new[] { "a", "b", "c", "d" }) command.Submit(name);
        Assert.Equal(1, command.Run.InFlight);
        command.Run.Finish();

        Assert.Equal(new[]
        {
            "start a", "start b", "wait a", "output a",
            "start c", "wait b", "output b",
            "start d", "wait c", "output c",
            "wait d", "output d", "summary",
        }, command.Events);
    }

    [Fact]
    public void A_throttle_of_one_sends_each_record_after_the_previous_one_is_written()
    {
        var command = new FakeBulkCommand(throttleLimit: 1);
        command.Submit("a");
        command.Submit("b");

        Assert.Equal(new[] { "start a", "wait a", "output a", "start b", "wait b", "output b" }, command.Events);
        Assert.Equal(0, command.Run.InFlight);
    }

    [Fact]
    public void Two_records_with_one_key_never_overlap_and_keys_match_case_insensitively()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        command.Submit("a", key: "PCU_1");
        command.Submit("b", key: "PCU_2");
        command.Submit("c", key: "pcu_1");

        // c waits for a, the record with its key, and for nothing else: b stays in flight.
        Assert.Equal(new[] { "start a", "start b", "wait a", "output a", "start c" }, command.Events);
        Assert.Equal(2, command.Run.InFlight);
    }

    [Fact]
    public void Records_without_a_key_never_wait_for_each_other()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        command.Submit("a");
        command.Submit("b");
        command.Submit("c");

        Assert.Equal(new[] { "start a", "start b", "start c" }, command.Events);
    }

    [Fact]
    public void Each_outcome_kind_is_counted_once_and_each_failure_names_its_own_record()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        command.Submit("done");
        command.Fails("rejected-by-api", SecuErrorKind.InvalidData, ErrorIds.ProductFormatException);
        command.Fails("unknown", SecuErrorKind.OutcomeUnknown, ErrorIds.OutcomeUnknown);
        command.Fails("not-sent", SecuErrorKind.NotAttempted, ErrorIds.NotAttempted);
        command.Submit("bug", whenWaited: c => c.SetException(new InvalidOperationException("boom")));
        command.Run.Reject(() => command.Events.Add("rejected row"), "The id is not valid.");
        command.Run.Finish();

        Assert.Equal(new[]
        {
            "output done",
            $"error {ErrorIds.ProductFormatException} row rejected-by-api",
            $"error {ErrorIds.OutcomeUnknown} row unknown",
            $"error {ErrorIds.NotAttempted} row not-sent",
            $"error {ErrorIds.UnexpectedError} row bug",
            "rejected row",
            "summary",
        }, command.Events.Where(e => !e.StartsWith("start ") && !e.StartsWith("wait ")));
        var summary = Assert.Single(command.Summaries);
        AssertCounts(summary, done: 1, failed: 3, unknown: 1, notAttempted: 1);
        Assert.False(summary.Abandoned);
        Assert.Equal("New-Thing: 1 created, 3 failed, 1 outcome unknown, 1 not attempted.", summary.ToString());
    }

    [Fact]
    public void A_call_that_throws_before_returning_a_task_fails_its_record_only()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        command.Run.Submit<string>(null, "row x", (_, _, _) => throw new InvalidOperationException("no task"), _ => { }, (r, _) => r);
        command.Submit("y");
        command.Run.Finish();

        Assert.Equal(new[] { $"error {ErrorIds.UnexpectedError} row x", "start y", "wait y", "output y", "summary" }, command.Events);
        AssertCounts(command.Summaries.Single(), done: 1, failed: 1, unknown: 0, notAttempted: 0);
    }

    [Fact]
    public void A_record_rejected_before_sending_waits_for_the_records_before_it()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        command.Submit("a");
        command.Run.Reject(() => command.Events.Add("rejected row"), "The id is not valid.");
        Assert.DoesNotContain("rejected row", command.Events);
        command.Submit("b");
        command.Run.Finish();

        Assert.Equal(new[] { "start a", "start b", "wait a", "output a", "rejected row", "wait b", "output b", "summary" }, command.Events);
    }

    [Fact]
    public void A_record_rejected_with_nothing_in_flight_is_written_at_once()
    {
        var command = new FakeBulkCommand();
        command.Run.Reject(() => command.Events.Add("rejected row"), "The id is not valid.");

        Assert.Equal(new[] { "rejected row" }, command.Events);
    }

    [Fact]
    public void A_failure_the_command_met_itself_is_counted_and_written_with_its_target()
    {
        var command = new FakeBulkCommand();
        command.Run.ReportFailure(new SecuApiException(SecuErrorKind.NotFound, ErrorIds.ProductNotFoundException, "Not found."), "row x");
        command.Run.Finish();

        Assert.Equal(new[] { $"error {ErrorIds.ProductNotFoundException} row x", "summary" }, command.Events);
        AssertCounts(command.Summaries.Single(), done: 0, failed: 1, unknown: 0, notAttempted: 0);
    }

    [Theory]
    [InlineData(SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable)]
    [InlineData(SecuErrorKind.Timeout, ErrorIds.Timeout)]
    [InlineData(SecuErrorKind.RateLimited, ErrorIds.RateLimited)]
    public void Five_records_in_a_row_failing_for_an_unavailable_API_stop_the_sending(SecuErrorKind kind, string errorId)
    {
        var command = new FakeBulkCommand(throttleLimit: 1);
        for (int i = 1; i <= 4; i++) command.Fails("r" + i, kind, errorId);
        Assert.False(command.Run.Abandoned);
        command.Fails("r5", kind, errorId);
        Assert.True(command.Run.Abandoned);
        command.Submit("r6");
        command.Submit("r7", key: "PCU_7");
        command.Run.Finish();

        Assert.DoesNotContain("start r6", command.Events);
        Assert.DoesNotContain("start r7", command.Events);
        // The run says it stops sending, then writes the fifth record's own error.
        Assert.Equal(new[]
        {
            $"verbose {BulkRun.UnavailableStreakLimit} records in a row failed because the API is unavailable: no further record is sent; " +
            "the records in flight finish, each of the rest gets a NotAttempted error.",
            $"error {errorId} row r5",
        }, command.Events.Where(e => e.StartsWith("verbose ") || e == $"error {errorId} row r5"));
        Assert.Equal(new[] { "not attempted row r6", "not attempted row r7", "summary" }, command.Events.TakeLast(3));

        var notSent = command.Errors[^1];
        Assert.Equal((SecuErrorKind.NotAttempted, ErrorIds.NotAttempted, 503, "sup-r5"), (notSent.Kind, notSent.ErrorId, notSent.StatusCode, notSent.SupportId));
        Assert.Equal($"Not sent: New-Thing stopped sending after 5 records in a row failed because the API is unavailable (last: {errorId}: r5 failed). " +
                     "Nothing was done for this record; send it again when the API answers.", notSent.Message);
        var summary = command.Summaries.Single();
        AssertCounts(summary, done: 0, failed: 5, unknown: 0, notAttempted: 2);
        Assert.True(summary.Abandoned);
        Assert.Equal($"stopped sending after 5 records in a row failed because the API is unavailable (last: {errorId}: r5 failed)", summary.AbandonedBecause);
        Assert.Equal($"New-Thing: 0 created, 5 failed, 0 outcome unknown, 2 not attempted. Abandoned: {summary.AbandonedBecause}.", summary.ToString());
    }

    [Theory]
    [InlineData("success")]
    [InlineData("other failure")]
    [InlineData("outcome unknown")]
    public void Anything_but_an_unavailable_API_starts_the_count_again(string between)
    {
        var command = new FakeBulkCommand(throttleLimit: 1);
        for (int i = 1; i <= 4; i++) command.Fails("r" + i, SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable);
        switch (between)
        {
            case "success": command.Submit("ok"); break;
            case "other failure": command.Fails("bad", SecuErrorKind.InvalidData, ErrorIds.ProductFormatException); break;
            default: command.Fails("maybe", SecuErrorKind.OutcomeUnknown, ErrorIds.OutcomeUnknown); break;
        }
        for (int i = 5; i <= 8; i++) command.Fails("r" + i, SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable);
        Assert.False(command.Run.Abandoned);

        command.Fails("r9", SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable);
        Assert.True(command.Run.Abandoned);
    }

    [Fact]
    public void After_the_API_is_found_dead_the_calls_in_flight_finish_and_the_records_after_them_are_reported_in_order()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        for (int i = 1; i <= 4; i++) command.Fails("r" + i, SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable);
        command.Submit("ok");
        for (int i = 5; i <= 9; i++) command.Fails("r" + i, SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable);
        // Counted as they are written, in input order: the success after r4 starts the count again, and r9, still in
        // flight, would be the fifth.
        Assert.False(command.Run.Abandoned);
        command.Run.CompleteAll();
        Assert.True(command.Run.Abandoned);

        command.Submit("late-1");
        command.Submit("late-2");
        command.Run.Finish();
        Assert.Equal(new[] { "not attempted row late-1", "not attempted row late-2", "summary" }, command.Events.TakeLast(3));
        AssertCounts(command.Summaries.Single(), done: 1, failed: 9, unknown: 0, notAttempted: 2);
    }

    [Fact]
    public void Records_refused_by_the_dead_API_rule_wait_for_the_calls_still_in_flight()
    {
        var command = new FakeBulkCommand(throttleLimit: 2);
        for (int i = 1; i <= 4; i++) command.Fails("r" + i, SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable);
        // In flight: r4. r5 arrives, fills the throttle, and r4 is written: four in a row so far.
        command.Fails("r5", SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable);
        var slow = command.Submit("slow");
        Assert.True(command.Run.Abandoned); // r5 was written as "slow" came: the fifth.
        command.Submit("late");
        Assert.DoesNotContain("not attempted row late", command.Events);

        command.Run.Finish();
        Assert.Equal(new[] { "wait slow", "output slow", "not attempted row late", "summary" }, command.Events.TakeLast(4));
        Assert.True(slow.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void An_early_end_counts_and_describes_each_record_in_flight()
    {
        var command = new FakeBulkCommand(throttleLimit: 16);
        var done = command.Submit("done", key: "PCU_1");
        var failed = command.Submit("failed");
        var unknown = command.Submit("unknown");
        var refused = command.Submit("refused");
        command.Submit("unsent");
        command.Submit("sent");
        command.Controls["sent"].MarkChangeSent();
        command.Run.Reject(() => command.Events.Add("rejected row"), "The id is not valid.");
        // Finished after the last record came, so none was written before the end.
        done.SetResult("done");
        failed.SetException(new SecuApiException(SecuErrorKind.InvalidData, ErrorIds.ProductFormatException, "Bad email."));
        unknown.SetException(new SecuApiException(SecuErrorKind.OutcomeUnknown, ErrorIds.OutcomeUnknown, "No answer."));
        refused.SetException(new SecuApiException(SecuErrorKind.NotAttempted, ErrorIds.NotAttempted, "Not sent."));

        command.Run.EndEarly();

        Assert.All(command.Controls.Values, c => Assert.True(c.StopSending.IsCancellationRequested));
        Assert.True(command.Tokens["unsent"].IsCancellationRequested);
        Assert.Equal(new[]
        {
            "New-Thing ended before writing this result: created thing done of PCU_1.",
            "New-Thing ended before writing this record's error (ProductFormatException): row failed. Bad email.",
            "New-Thing ended with this record's outcome unknown (OutcomeUnknown): row unknown. No answer.",
            "New-Thing ended before sending this record: row refused.",
            "New-Thing ended before sending this record: row unsent.",
            "New-Thing ended with this record's outcome unknown (OutcomeUnknown): row sent. No answer came within 0 s of the end, so the request " +
            "was abandoned: the thing may or may not have been created; check with Get-Thing.",
            "New-Thing: a record was not sent: The id is not valid.",
        }, command.Warnings);
        var summary = Assert.Single(command.Summaries);
        AssertCounts(summary, done: 1, failed: 2, unknown: 2, notAttempted: 2);
    }

    [Fact]
    public void An_early_end_names_a_result_by_its_key_and_a_record_by_its_key_before_its_input()
    {
        var command = new FakeBulkCommand(throttleLimit: 16);
        // An unfinished first record keeps the finished ones behind it from being written.
        command.Submit("head");
        command.Run.Submit<string?>("PCU_9", new { Row = 1 }, (_, _, _) => Task.FromResult<string?>(null), _ => { }, (r, k) => $"thing {r ?? k}");
        command.Run.Submit<string>("PCU_8", new { Row = 2 }, (_, _, _) => Task.FromException<string>(new SecuApiException(SecuErrorKind.NotFound, ErrorIds.ProductNotFoundException, "Gone.")), _ => { }, (r, _) => r);
        command.Run.Submit<string>(null, null, (_, _, _) => Task.FromException<string>(new SecuApiException(SecuErrorKind.NotAttempted, ErrorIds.NotAttempted, "Not sent.")), _ => { }, (r, _) => r);
        command.Run.Submit<string>(null, new { Row = 3 }, (_, _, _) => Task.FromCanceled<string>(new CancellationToken(true)), _ => { }, (r, _) => r);

        command.Run.EndEarly();

        Assert.Equal(new[]
        {
            "New-Thing ended before sending this record: row head.",
            "New-Thing ended before writing this result: created thing PCU_9.",
            "New-Thing ended before writing this record's error (ProductNotFoundException): PCU_8. Gone.",
            "New-Thing ended before sending this record: (no input).",
            "New-Thing ended before sending this record: { Row = 3 }.",
        }, command.Warnings);
    }

    [Fact]
    public void An_exception_while_writing_ends_the_run_early_and_reports_the_rest_once()
    {
        var command = new FakeBulkCommand(throttleLimit: 2);
        command.Submit("a");
        command.FailNextOutput = new OperationCanceledException("downstream stopped");
        var stop = Assert.Throws<OperationCanceledException>(() => command.Submit("b"));
        Assert.Equal("downstream stopped", stop.Message);

        // a was counted done before its output failed; b, in flight, is described.
        Assert.Equal(new[] { "New-Thing ended before sending this record: row b." }, command.Warnings);
        AssertCounts(command.Summaries.Single(), done: 1, failed: 0, unknown: 0, notAttempted: 1);

        command.Run.EndEarly();
        command.Run.Finish();
        Assert.Single(command.Summaries);
        Assert.Single(command.Warnings);
    }

    [Fact]
    public void A_session_failure_ends_the_run_and_the_records_in_flight_are_accounted_for()
    {
        var command = new FakeBulkCommand(throttleLimit: 4);
        command.Fails("a", SecuErrorKind.NotConnected, ErrorIds.NotConnected);
        command.Submit("b").SetResult("b");
        command.FailOnFailure = new InvalidOperationException("terminating");
        Assert.Throws<InvalidOperationException>(() => command.Run.CompleteAll());

        Assert.Equal(new[] { "New-Thing ended before writing this result: created thing b." }, command.Warnings);
        AssertCounts(command.Summaries.Single(), done: 1, failed: 1, unknown: 0, notAttempted: 0);
    }

    [Fact]
    public void Finish_writes_the_summary_once_and_a_later_early_end_adds_nothing()
    {
        var command = new FakeBulkCommand();
        command.Submit("a");
        command.Run.Finish();
        command.Run.EndEarly();
        command.Run.Finish();

        Assert.Equal(new[] { "start a", "wait a", "output a", "summary" }, command.Events);
        Assert.Empty(command.Warnings);
    }

    [Fact]
    public void A_run_without_records_writes_no_summary()
    {
        var command = new FakeBulkCommand();
        command.Run.Finish();
        var ended = new FakeBulkCommand();
        ended.Run.EndEarly();

        Assert.Empty(command.Summaries);
        Assert.Empty(ended.Summaries);
    }

    [Fact]
    public void StopSending_reaches_the_calls_in_flight_without_cancelling_them()
    {
        var command = new FakeBulkCommand();
        command.Submit("a");
        command.Run.StopSending();

        Assert.True(command.Controls["a"].StopSending.IsCancellationRequested);
        Assert.False(command.Tokens["a"].IsCancellationRequested);
    }

    [Fact]
    public void NotSentError_is_the_NotAttempted_kind()
    {
        var error = BulkRun.NotSentError();
        Assert.Equal((SecuErrorKind.NotAttempted, ErrorIds.NotAttempted), (error.Kind, error.ErrorId));
    }
}
