using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Reflection;
using SecuConnect.Core;
using SecuConnect.Customers;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>The retry budget, unexpected exceptions kept per record, and the gaps in masking and input checks.</summary>
public class ReliabilityTests
{
    private const string Id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";
    private const string Customer = "{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"Ada\"}}";

    private static SecuClient Client(SecuConnection connection, ApiLogQueue? log = null) => new(connection, log ?? new ApiLogQueue());

    // Retry budget

    [Fact]
    public async Task A_retry_spends_from_the_budget_and_a_success_after_it_gives_the_cost_back()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, Customer);
        var connection = TestConnections.Create(handler);
        Assert.Equal(RetryBudget.Capacity, connection.RetryBudget.Available);
        await Client(connection).GetCustomerAsync(Id, CancellationToken.None);
        Assert.Equal(RetryBudget.Capacity, connection.RetryBudget.Available);
        Assert.Equal(2, handler.ApiRequests.Count);
    }

    [Fact]
    public async Task Once_the_budget_is_spent_requests_fail_at_once_and_successes_refill_it()
    {
        var handler = new FakeHandler { Fallback = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.ServiceUnavailable, "{}")) };
        var connection = TestConnections.Create(handler, maximumRetryCount: 5);
        // 100 / 5 = 20 retries: four requests with 5 retries each spend it all.
        int requests = RetryBudget.Capacity / RetryBudget.RetryCost / 5;
        for (int i = 0; i < requests; i++)
            await Assert.ThrowsAsync<SecuApiException>(() => Client(connection).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal(requests * 6, handler.ApiRequests.Count);
        Assert.Equal(0, connection.RetryBudget.Available);

        var log = new ApiLogQueue();
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Client(connection, log).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal(requests * 6 + 1, handler.ApiRequests.Count);
        Assert.True(ex.RetryBudgetExhausted);
        Assert.Equal("ServiceUnavailable", ex.ErrorId);
        Assert.Contains("retry budget is empty", ex.Message);
        Assert.Contains(SendTests.Drain(log), e => e.Message.Contains("retry budget is empty"));

        // Five first-attempt successes pay for one retry again.
        handler.Fallback = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, Customer));
        for (int i = 0; i < 5; i++) await Client(connection).GetCustomerAsync(Id, CancellationToken.None);
        Assert.Equal(5, connection.RetryBudget.Available);
        handler.Then(HttpStatusCode.ServiceUnavailable);
        await Client(connection).GetCustomerAsync(Id, CancellationToken.None);
        // The spent budget's requests, the refused one, five successes, then one 503 and its paid retry.
        Assert.Equal(requests * 6 + 1 + 5 + 2, handler.ApiRequests.Count);
    }

    [Theory]
    [InlineData(FailureKind.Status, 503, RetryBudget.RetryCost)]
    [InlineData(FailureKind.Status, 500, RetryBudget.RetryCost)]
    [InlineData(FailureKind.Status, 429, 0)]
    [InlineData(FailureKind.Timeout, 0, RetryBudget.TimeoutRetryCost)]
    [InlineData(FailureKind.NotSent, 0, RetryBudget.TimeoutRetryCost)]
    [InlineData(FailureKind.LostAfterSending, 0, RetryBudget.TimeoutRetryCost)]
    public void Retry_costs(object failure, int status, int cost) => Assert.Equal(cost, RetryBudget.CostOf((FailureKind)failure, status)); // FailureKind is internal

    [Fact]
    public void The_budget_never_exceeds_its_capacity_nor_goes_below_zero()
    {
        var budget = new RetryBudget();
        budget.OnSuccess(0);
        Assert.Equal(RetryBudget.Capacity, budget.Available);
        for (int i = 0; i < RetryBudget.Capacity / RetryBudget.TimeoutRetryCost; i++) Assert.True(budget.TryAcquire(RetryBudget.TimeoutRetryCost));
        Assert.False(budget.TryAcquire(1));
        Assert.Equal(0, budget.Available);
        Assert.True(budget.TryAcquire(0));
    }

    [Fact]
    public void A_retry_may_take_the_budget_to_exactly_zero_and_a_success_refills_what_its_retry_cost()
    {
        var budget = new RetryBudget();
        Assert.True(budget.TryAcquire(RetryBudget.Capacity - RetryBudget.RetryCost));
        Assert.True(budget.TryAcquire(RetryBudget.RetryCost));
        Assert.Equal(0, budget.Available);
        Assert.False(budget.TryAcquire(RetryBudget.RetryCost));
        Assert.Equal(0, budget.Available);
        budget.OnSuccess(RetryBudget.TimeoutRetryCost);
        Assert.Equal(RetryBudget.TimeoutRetryCost, budget.Available);
        budget.OnSuccess(0);
        Assert.Equal(RetryBudget.TimeoutRetryCost + RetryBudget.SuccessIncrement, budget.Available);
    }

    [Fact]
    public void A_refill_stops_at_the_capacity()
    {
        var budget = new RetryBudget();
        Assert.True(budget.TryAcquire(3));
        budget.OnSuccess(RetryBudget.TimeoutRetryCost);
        Assert.Equal(RetryBudget.Capacity, budget.Available);
    }

    [Fact]
    public async Task A_closed_call_control_stops_retries_and_new_requests()
    {
        var handler = new FakeHandler { Fallback = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.ServiceUnavailable, "{}")) };
        using var stop = new CancellationTokenSource();
        // The first attempt fails; the end of the run comes during the backoff wait.
        var connection = TestConnections.Create(handler, delay: (d, ct) => { stop.Cancel(); return Task.Delay(Timeout.Infinite, ct); });
        var control = new CallControl(stop.Token);
        var client = new SecuClient(connection, new ApiLogQueue()) { Control = control };
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.UpdateCustomerAsync(Id, TestContacts.Of((CustomerFields.Forename, "Ada")), CancellationToken.None));
        Assert.Equal("ServiceUnavailable", ex.ErrorId);
        Assert.Single(handler.ApiRequests);
        Assert.True(control.ChangeSent);

        var notSent = await Assert.ThrowsAsync<SecuApiException>(() => client.DeleteCustomerAsync(Id, CancellationToken.None));
        Assert.Equal(SecuErrorKind.NotAttempted, notSent.Kind);
        Assert.Single(handler.ApiRequests);
    }

    // Uncertain updates and removals are settled by a read

    [Theory]
    [InlineData("Ada", true)]
    [InlineData("Old", false)]
    public async Task An_update_answered_502_is_settled_by_the_read_that_follows(string stored, bool updated)
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.BadGateway, "{}")
            .Then(HttpStatusCode.OK, "{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"" + stored + "\"}}");
        var log = new ApiLogQueue();
        var client = new SecuClient(TestConnections.Create(handler, maximumRetryCount: 0), log);
        var before = ModelJsonRead.Customer("{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"Old\"}}");
        PaymentCustomer? result = null;
        SecuApiException? failure = null;
        try { result = await client.UpdateCustomerAsync(Id, TestContacts.Of((CustomerFields.Forename, "Ada")), CancellationToken.None, before); }
        catch (SecuApiException ex) { failure = ex; }
        Assert.Equal(new[] { "PUT", "GET" }, handler.ApiRequests.Select(r => r.Method));
        var warnings = new List<string>();
        while (log.TryDequeue(out var entry)) if (entry.Level == ApiLogLevel.Warning) warnings.Add(entry.Message);
        if (updated)
        {
            Assert.Null(failure);
            Assert.Equal("Ada", result!.Contact![CustomerFields.Forename]);
            Assert.Contains("a read shows the update stored", Assert.Single(warnings));
        }
        else
        {
            Assert.Equal(SecuErrorKind.Unavailable, failure!.Kind);
            Assert.Contains("unchanged", failure.Message);
            Assert.Empty(warnings);
        }
    }

    [Fact]
    public async Task A_removal_whose_answer_was_lost_is_done_when_the_read_finds_nothing_and_unknown_when_the_read_fails()
    {
        var lost = new HttpRequestException("reset", new IOException("connection reset"));
        var gone = new FakeHandler().ThenThrow(lost).Then(HttpStatusCode.NotFound, "{}");
        var before = ModelJsonRead.Customer("{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"Ada\"}}");
        var removed = await Client(TestConnections.Create(gone, maximumRetryCount: 0)).DeleteCustomerAsync(Id, CancellationToken.None, before);
        Assert.Same(before, removed);

        var unreadable = new FakeHandler { Fallback = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.ServiceUnavailable, "{}")) }.ThenThrow(lost);
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(unreadable, maximumRetryCount: 0)).DeleteCustomerAsync(Id, CancellationToken.None, before));
        Assert.Equal(SecuErrorKind.OutcomeUnknown, ex.Kind);
        Assert.Contains("may or may not have been removed", ex.Message);
    }

    // Unexpected failures stay per record

    [Fact]
    public async Task A_connection_closed_while_a_token_is_renewed_reports_NotConnected()
    {
        var handler = new FakeHandler();
        var connection = TestConnections.Create(handler);
        var gate = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.TokenResponder = (_, _) => gate.Task;
        var first = Client(connection).GetCustomerAsync(Id, CancellationToken.None);
        // A second request waits for the token renewal in progress; Disconnect-SecuConnect in another runspace disposes it.
        var second = Client(connection).GetCustomerAsync(Id, CancellationToken.None);
        connection.Dispose();
        gate.SetResult(FakeHandler.Json(HttpStatusCode.OK, "{\"access_token\":\"t\",\"expires_in\":1200}"));
        foreach (var call in new[] { first, second })
        {
            var ex = await Assert.ThrowsAsync<SecuApiException>(() => call);
            Assert.Equal("NotConnected", ex.ErrorId);
            Assert.True(ex.IsSessionFailure);
        }
    }

    [Theory]
    [InlineData("1000000000000")]
    [InlineData("9223372036854775807")]
    public async Task An_expires_in_beyond_a_TimeSpan_is_capped_at_a_day(string expiresIn)
    {
        var handler = new FakeHandler { TokenResponder = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, "{\"access_token\":\"t\",\"expires_in\":" + expiresIn + "}")) };
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var connection = TestConnections.Create(handler, clock: () => now);
        var customer = await Client(connection).GetCustomerAsync(Id, CancellationToken.None);
        Assert.NotNull(customer.Id);
        Assert.Equal(now.AddDays(1), connection.TokenExpiresOn);
    }

    [Fact]
    public async Task An_expires_in_beyond_Int64_is_an_invalid_token_response()
    {
        var handler = new FakeHandler { TokenResponder = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, "{\"access_token\":\"t\",\"expires_in\":99999999999999999999999}")) };
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Client(TestConnections.Create(handler)).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal("InvalidTokenResponse", ex.ErrorId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_list_count_beyond_Int64_is_an_invalid_response(bool debug)
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, "{\"count\":99999999999999999999999,\"data\":[]}");
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(handler), new ApiLogQueue { DebugEnabled = debug }).ListPageAsync(new Dictionary<string, string> { ["count"] = "10" }, CancellationToken.None));
        Assert.Equal("InvalidResponse", ex.ErrorId);
    }

    [Fact]
    public async Task A_filter_longer_than_a_url_may_be_fails_before_sending()
    {
        var handler = new FakeHandler();
        var filter = "contact.email:" + new string('a', 70000);
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(handler)).ListPageAsync(new Dictionary<string, string> { ["q"] = filter }, CancellationToken.None));
        Assert.Equal("QueryTooLong", ex.ErrorId);
        Assert.Equal(SecuErrorKind.InvalidArgument, ex.Kind);
        Assert.Empty(handler.ApiRequests);
        Assert.DoesNotContain("aaaa", ex.Message);
    }

    [Fact]
    public void Unexpected_exceptions_become_an_items_error()
    {
        var ex = SecuApiException.Unexpected(new InvalidOperationException("boom"));
        Assert.Equal("UnexpectedError", ex.ErrorId);
        Assert.False(ex.IsSessionFailure);
        Assert.Contains("InvalidOperationException: boom", ex.Message);
        var api = new SecuApiException(SecuErrorKind.NotFound, "ProductNotFoundException", "gone");
        Assert.Same(api, SecuApiException.Unexpected(new AggregateException(api)));
        Assert.True(SecuApiException.IsFatal(new OperationCanceledException()));
    }

    [Fact]
    public async Task A_record_whose_call_throws_unexpectedly_fails_alone_in_a_bulk_run()
    {
        await Task.Yield();
        // The second create throws something the Api does not expect; the first and third are created.
        int n = 0;
        var handler = new FakeHandler
        {
            Fallback = (_, _) => Interlocked.Increment(ref n) == 2
                ? throw new InvalidOperationException("handler failure")
                : Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, Customer)),
        };
        var connection = TestConnections.Create(handler);
        var iss = InitialSessionState.CreateDefault2();
        iss.Commands.Add(new SessionStateCmdletEntry("New-SecuCustomer", typeof(NewSecuCustomerCommand), null));
        using var rs = RunspaceFactory.CreateRunspace(iss);
        rs.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = rs;
        ps.AddScript("param($c) 'A','B','C' | ForEach-Object { [pscustomobject]@{ Forename = $_ } } | New-SecuCustomer -Connection $c -ThrottleLimit 1")
            .AddArgument(connection);
        var output = ps.Invoke();
        Assert.Equal(2, output.Count);
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("UnexpectedError,SecuConnect.Commands.NewSecuCustomerCommand", error.FullyQualifiedErrorId);
        Assert.Contains("handler failure", error.Exception.Message);
        Assert.Equal("B", Convert.ToString(PSObject.AsPSObject(error.TargetObject).Properties["Forename"].Value));
        var summary = Assert.Single(ps.Streams.Information, i => i.Tags.Contains(SecuBulkCmdlet.SummaryTag));
        Assert.Equal("New-SecuCustomer: 2 created, 1 failed, 0 outcome unknown, 0 not attempted.", summary.MessageData.ToString());
    }

    // Secrets and personal data

    [Fact]
    public async Task RequestUri_of_an_error_masks_the_filter_like_the_message()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.BadRequest, "{\"error\":\"ProductFormatException\",\"error_details\":\"bad query\"}");
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(handler)).ListPageAsync(new Dictionary<string, string> { ["q"] = "contact.email:ada@example.com", ["count"] = "5" }, CancellationToken.None));
        Assert.NotNull(ex.RequestUri);
        Assert.DoesNotContain("ada", ex.RequestUri.ToString());
        Assert.DoesNotContain("example.com", ex.RequestUri.ToString());
        Assert.Contains("q=contact.email:***", ex.RequestUri.ToString());
        Assert.Contains("count=5", ex.RequestUri.ToString());
        Assert.DoesNotContain("ada@example.com", ex.Message);
    }

    [Theory]
    [InlineData("https://user:secret@connect.example.com")]
    [InlineData("http://user@127.0.0.1:5999")]
    public void A_base_uri_with_user_info_is_refused_without_repeating_it(string uri)
    {
        var ex = Assert.Throws<SecuApiException>(() => SecuConnection.Create(new SecuConnectionOptions
        {
            BaseUri = new Uri(uri), ClientId = "id", ClientSecret = TestConnections.Secure("s"),
        }));
        Assert.Equal("InvalidBaseUri", ex.ErrorId);
        Assert.DoesNotContain("secret@", ex.Message);
        Assert.DoesNotContain("user", ex.Message.Replace("user name", string.Empty).Replace("user:password", string.Empty));
    }

    [Fact]
    public void The_id_completer_offers_only_valid_customer_ids()
    {
        string body = "{\"count\":4,\"data\":[" +
            "{\"id\":\"" + Id + "\",\"contact\":{\"name\":\"Ada\"}}," +
            "{\"id\":\"PCU_1; Remove-Item -Recurse ~\"}," +
            "{\"id\":\"pcu_3bbsv6c702nca4hr70zavcax3r6caw\"}," +
            "{\"contact\":{\"name\":\"No id\"}}]}";
        var handler = new FakeHandler { Fallback = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, body)) };
        var connection = TestConnections.Create(handler);
        var results = new CustomerIdCompleter().CompleteArgument("Get-SecuCustomer", "Id", "", null!,
            new System.Collections.Hashtable { ["Connection"] = connection }).ToList();
        var result = Assert.Single(results);
        Assert.Equal(Id, result.CompletionText);

        // Text that cannot start an id is not sent as a filter.
        int before = handler.ApiRequests.Count;
        Assert.Empty(new CustomerIdCompleter().CompleteArgument("Get-SecuCustomer", "Id", "PCU_A\" OR id:*", null!,
            new System.Collections.Hashtable { ["Connection"] = connection }));
        Assert.Equal(before, handler.ApiRequests.Count);
    }
}
