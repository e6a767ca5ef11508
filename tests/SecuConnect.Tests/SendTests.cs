using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

[Collection(TimingCollection.Name)]
public class SendTests
{
    private const string Id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";
    private const string Customer = "{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"Ada\"},\"created\":\"2024-05-02T10:49:23+02:00\"}";
    private const string TokenRequired = "{\"status\":\"error\",\"error\":\"ProductNotAllowedException\",\"error_details\":\"Valid auth token required\",\"code\":2003,\"supportId\":\"f8e0173c15b92750819a91ac8d5cc878\"}";

    private static SecuClient Client(SecuConnection connection, ApiLogQueue? log = null) => new(connection, log ?? new ApiLogQueue());

    [Fact]
    public async Task Get_is_retried_after_two_503_and_waits_with_backoff()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.ServiceUnavailable)
            .Then(HttpStatusCode.ServiceUnavailable)
            .Then(HttpStatusCode.OK, Customer);
        var delays = new List<TimeSpan>();
        var log = new ApiLogQueue();
        var customer = await Client(TestConnections.Create(handler, delays), log).GetCustomerAsync(Id, CancellationToken.None);

        Assert.Equal(Id, customer.Id);
        Assert.Equal(3, handler.ApiRequests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, delays);
        var verbose = Drain(log).Where(e => e.Level == ApiLogLevel.Verbose).Select(e => e.Message).ToList();
        Assert.Contains(verbose, m => m.StartsWith($"GET http://127.0.0.1:5999/api/v2/Payment/Customers/{Id} -> 503 (", StringComparison.Ordinal));
        Assert.Contains(verbose, m => m.Contains("-> 200 (") && m.EndsWith("attempt 3 of 6)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_after_header_sets_the_wait()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            .Then(HttpStatusCode.OK, Customer);
        var delays = new List<TimeSpan>();
        await Client(TestConnections.Create(handler, delays)).GetCustomerAsync(Id, CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, delays);
    }

    [Fact]
    public async Task Retry_after_beyond_sixty_seconds_stops_with_RateLimited()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)));
        var delays = new List<TimeSpan>();
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Client(TestConnections.Create(handler, delays)).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal("RateLimited", ex.ErrorId);
        Assert.Equal(SecuErrorKind.RateLimited, ex.Kind);
        Assert.Empty(delays);
        Assert.Single(handler.ApiRequests);
    }

    [Fact]
    public async Task Retries_stop_at_the_limit_and_report_the_api_error_name()
    {
        var handler = new FakeHandler
        {
            Fallback = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.InternalServerError,
                "{\"status\":\"error\",\"error\":\"ProductInternalException\",\"error_details\":\"boom\",\"code\":500,\"supportId\":\"abc\"}")),
        };
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(handler, maximumRetryCount: 2)).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal(3, handler.ApiRequests.Count);
        Assert.Equal("ProductInternalException", ex.ErrorId);
        Assert.Equal(SecuErrorKind.Unavailable, ex.Kind);
        Assert.Equal("abc", ex.SupportId);
    }

    [Fact]
    public async Task Network_failure_of_a_get_after_retries_is_ServiceUnavailable()
    {
        var handler = new FakeHandler
        {
            Fallback = (_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("reset", new IOException("connection reset"))),
        };
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(handler, maximumRetryCount: 1)).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal(2, handler.ApiRequests.Count);
        Assert.Equal("ServiceUnavailable", ex.ErrorId);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Post_with_a_possibly_processed_failure_is_OutcomeUnknown_and_never_resent(HttpStatusCode status)
    {
        var handler = new FakeHandler().Then(status, "{\"status\":\"error\",\"error\":\"SandboxFault\",\"code\":502}");
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(handler)).CreateCustomerAsync(TestContacts.Of((CustomerFields.Forename, "Ada")), CancellationToken.None));
        Assert.Equal("OutcomeUnknown", ex.ErrorId);
        Assert.Equal(SecuErrorKind.OutcomeUnknown, ex.Kind);
        Assert.Single(handler.ApiRequests);
        Assert.Contains("may or may not", ex.Message);
    }

    [Fact]
    public async Task Post_that_lost_its_connection_after_sending_is_OutcomeUnknown()
    {
        var handler = new FakeHandler().ThenThrow(new HttpRequestException("The response ended prematurely.", new IOException("eof")));
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(handler)).CreateCustomerAsync(new Contact(), CancellationToken.None));
        Assert.Equal("OutcomeUnknown", ex.ErrorId);
        Assert.Single(handler.ApiRequests);
    }

    [Fact]
    public async Task Post_is_retried_when_the_server_did_not_process_it()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.ServiceUnavailable)
            .ThenThrow(new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)))
            .Then(HttpStatusCode.TooManyRequests)
            .Then(HttpStatusCode.OK, Customer);
        var customer = await Client(TestConnections.Create(handler)).CreateCustomerAsync(TestContacts.Of((CustomerFields.Forename, "Ada")), CancellationToken.None);
        Assert.Equal(Id, customer.Id);
        Assert.Equal(4, handler.ApiRequests.Count);
        Assert.All(handler.ApiRequests, r => Assert.Equal("POST", r.Method));
    }

    [Fact]
    public async Task Post_timeout_is_OutcomeUnknown()
    {
        var handler = new FakeHandler().Then(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return FakeHandler.Json(HttpStatusCode.OK, Customer);
        });
        var ex = await Assert.ThrowsAsync<SecuApiException>(() =>
            Client(TestConnections.Create(handler, timeoutSec: 1)).CreateCustomerAsync(new Contact(), CancellationToken.None));
        Assert.Equal("OutcomeUnknown", ex.ErrorId);
        Assert.Single(handler.ApiRequests);
    }

    [Fact]
    public async Task Token_refused_with_403_code_2003_is_renewed_once_and_replayed()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.Forbidden, TokenRequired)
            .Then(HttpStatusCode.OK, Customer);
        var customer = await Client(TestConnections.Create(handler)).GetCustomerAsync(Id, CancellationToken.None);
        Assert.Equal(Id, customer.Id);
        Assert.Equal(2, handler.TokenRequests);
        Assert.Equal(new[] { "token1", "token2" }, handler.ApiRequests.Select(r => r.Bearer));
    }

    [Fact]
    public async Task A_second_refusal_after_reauthentication_is_ProductNotAllowedException()
    {
        var handler = new FakeHandler
        {
            Fallback = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.Unauthorized, TokenRequired)),
        };
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Client(TestConnections.Create(handler)).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal("ProductNotAllowedException", ex.ErrorId);
        Assert.Equal(SecuErrorKind.AuthenticationFailed, ex.Kind);
        Assert.True(ex.IsSessionFailure);
        Assert.Equal(2, handler.ApiRequests.Count);
        Assert.Equal(2, handler.TokenRequests);
    }

    [Fact]
    public async Task Rejected_client_credentials_report_the_oauth_error()
    {
        var handler = new FakeHandler
        {
            TokenResponder = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.BadRequest,
                "{\"error\":\"invalid_client\",\"error_description\":\"The client credentials are invalid\"}")),
        };
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => TestConnections.Create(handler).GetAccessTokenAsync(new ApiLogQueue(), CancellationToken.None));
        Assert.Equal("invalid_client", ex.ErrorId);
        Assert.Equal(SecuErrorKind.AuthenticationRejected, ex.Kind);
        Assert.Equal(1, handler.TokenRequests);
        Assert.DoesNotContain(TestConnections.Secret, ex.Message);
    }

    [Fact]
    public async Task Delete_that_finds_nothing_after_a_lost_answer_counts_as_done()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.BadGateway)
            .Then(HttpStatusCode.NotFound, "{\"status\":\"error\",\"error\":\"ProductNotFoundException\",\"code\":404}");
        var deleted = await Client(TestConnections.Create(handler)).DeleteCustomerAsync(Id, CancellationToken.None);
        Assert.Null(deleted);
        Assert.Equal(2, handler.ApiRequests.Count);
    }

    [Fact]
    public async Task Delete_returns_the_element_of_the_answer_array()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, "[" + Customer + "]");
        var deleted = await Client(TestConnections.Create(handler)).DeleteCustomerAsync(Id, CancellationToken.None);
        Assert.Equal(Id, deleted!.Id);
    }

    [Fact]
    public async Task Cancelling_interrupts_a_request_in_flight()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeHandler().Then(async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return FakeHandler.Json(HttpStatusCode.OK, Customer);
        });
        using var cts = new CancellationTokenSource();
        var call = Client(TestConnections.Create(handler, timeoutSec: 0)).GetCustomerAsync(Id, cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var stoppedAfter = call.ContinueWith(_ => watch.Elapsed, TaskContinuationOptions.ExecuteSynchronously);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var elapsed = await stoppedAfter;
        // Far below the held request proves it is cancelled; the 1 s promise is proven end to end in Reliability.Tests.ps1.
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
    }

    [Fact]
    public async Task Server_managed_fields_are_never_sent()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, Customer);
        await Client(TestConnections.Create(handler)).UpdateCustomerAsync(Id,
            new Contact { Name = "Ada Lovelace", [CustomerFields.Forename] = "Ada" }, CancellationToken.None);
        var body = handler.ApiRequests.Single().Body;
        Assert.Equal("{\"contact\":{\"forename\":\"Ada\"}}", body);
    }

    [Fact]
    public async Task Invalid_ids_are_rejected_before_any_request()
    {
        var handler = new FakeHandler();
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Client(TestConnections.Create(handler)).GetCustomerAsync("PCU_abc", CancellationToken.None));
        Assert.Equal("InvalidCustomerId", ex.ErrorId);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("http://api.example.com", false, false)]
    [InlineData("http://api.example.com", true, true)]
    [InlineData("http://127.0.0.1:8080", false, true)]
    [InlineData("http://localhost:8080/base", false, true)]
    [InlineData("http://[::1]:8080", false, true)]
    [InlineData("https://api.example.com", false, true)]
    public void Plain_http_is_refused_except_for_loopback_or_when_allowed(string uri, bool allow, bool accepted)
    {
        var options = new SecuConnectionOptions
        {
            BaseUri = new Uri(uri), ClientId = "x", ClientSecret = TestConnections.Secure("y"), AllowUnencryptedAuthentication = allow,
        };
        if (accepted)
        {
            using var c = SecuConnection.Create(options);
            Assert.EndsWith("/oauth/token", c.TokenUri.ToString());
        }
        else
        {
            var ex = Assert.Throws<SecuApiException>(() => SecuConnection.Create(options));
            Assert.Equal("UnencryptedConnection", ex.ErrorId);
        }
    }

    [Fact]
    public void Base_uri_keeps_port_and_path()
    {
        using var c = SecuConnection.Create(new SecuConnectionOptions
        {
            BaseUri = new Uri("http://127.0.0.1:8080/prefix/"), ClientId = "x", ClientSecret = TestConnections.Secure("y"),
        });
        Assert.Equal("http://127.0.0.1:8080/prefix/oauth/token", c.TokenUri.ToString());
        Assert.Equal("http://127.0.0.1:8080/prefix/api/v2", c.ApiRoot);
    }

    [Fact]
    public async Task Cancelling_interrupts_a_backoff_wait()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.ServiceUnavailable, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)));
        var waiting = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = TestConnections.Create(handler, delay: (d, ct) =>
        {
            waiting.TrySetResult(d);
            return Task.Delay(d, ct);
        });
        using var cts = new CancellationTokenSource();
        var call = Client(connection).GetCustomerAsync(Id, cts.Token);
        Assert.Equal(TimeSpan.FromSeconds(30), await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Timestamped where the call completes, so a busy machine's slow test thread does not count.
        var stoppedAfter = call.ContinueWith(_ => watch.Elapsed, TaskContinuationOptions.ExecuteSynchronously);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var elapsed = await stoppedAfter;
        // The wait is 30 s: ending far below it proves the delay is cancelled, not waited out. The 1 s promise is
        // proven end to end in Reliability.Tests.ps1; a first cancellation on a loaded 2-core machine can take ~2 s.
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
        Assert.Single(handler.ApiRequests);
    }

    [Fact]
    public async Task Verbose_and_debug_lines_hold_no_secret_token_or_personal_data()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, "{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"email\":\"ada@example.com\",\"phone\":\"0049123456789\",\"forename\":\"Ada\"}}");
        var log = new ApiLogQueue { DebugEnabled = true };
        await Client(TestConnections.Create(handler), log).CreateCustomerAsync(
            TestContacts.Of((CustomerFields.Forename, "Ada"), (CustomerFields.Email, "ada@example.com"), (CustomerFields.Phone, "0049123456789")), CancellationToken.None);

        var lines = Drain(log);
        Assert.Contains(lines, l => l.Level == ApiLogLevel.Debug && l.Message.Contains("client_secret=***"));
        Assert.Contains(lines, l => l.Level == ApiLogLevel.Debug && l.Message.Contains("\"email\":\"***\""));
        foreach (var line in lines)
        {
            foreach (var secret in new[] { TestConnections.Secret, "token1", "ada@example.com", "0049123456789", "Ada" })
                Assert.DoesNotContain(secret, line.Message);
        }
        Assert.Equal(2, lines.Count(l => l.Level == ApiLogLevel.Verbose));
    }

    [Fact]
    public async Task The_connection_object_shows_neither_secret_nor_token()
    {
        var handler = new FakeHandler();
        var connection = TestConnections.Create(handler);
        await connection.GetAccessTokenAsync(new ApiLogQueue(), CancellationToken.None);
        var shown = connection.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Select(p => Convert.ToString(p.GetValue(connection)) ?? "").ToList();
        Assert.NotNull(connection.TokenExpiresOn);
        Assert.All(shown, v => Assert.DoesNotContain("token1", v));
        Assert.All(shown, v => Assert.DoesNotContain(TestConnections.Secret, v));
    }

    [Fact]
    public async Task A_disposed_connection_reports_NotConnected()
    {
        var connection = TestConnections.Create(new FakeHandler());
        connection.Dispose();
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Client(connection).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal("NotConnected", ex.ErrorId);
    }

    internal static List<ApiLogEntry> Drain(ApiLogQueue log)
    {
        var list = new List<ApiLogEntry>();
        while (log.TryDequeue(out var e)) list.Add(e);
        return list;
    }

    [Fact]
    public async Task A_GET_without_an_answer_in_time_is_Timeout()
    {
        var handler = new FakeHandler().Then(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return FakeHandler.Json(HttpStatusCode.OK, "{}");
        });
        var client = new SecuClient(TestConnections.Create(handler, maximumRetryCount: 0, timeoutSec: 1), new ApiLogQueue());
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.GetCustomerAsync("PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW", CancellationToken.None));
        Assert.Equal("Timeout", ex.ErrorId);
        Assert.Equal(SecuErrorKind.Timeout, ex.Kind);
    }
}
