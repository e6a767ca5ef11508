using System.Net;
using System.Net.Sockets;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>Connect's first contact (fail fast on an unreachable host, 404 from the token endpoint) and by-id answers without a customer.</summary>
public class ConnectAndEmptyAnswerTests
{
    private const string Id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";

    private static HttpRequestException HostNotFound() =>
        new("Name or service not known (secuconnect.example.invalid:443)", new SocketException((int)SocketError.HostNotFound));

    [Fact]
    public async Task Connect_fails_at_once_on_an_unknown_host_and_names_the_address()
    {
        var handler = new FakeHandler { TokenResponder = (_, _) => Task.FromException<HttpResponseMessage>(HostNotFound()) };
        var delays = new List<TimeSpan>();
        var client = new SecuClient(TestConnections.Create(handler, delays), new ApiLogQueue());

        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.Connection.FirstTokenAsync(client.Log, CancellationToken.None));

        Assert.True(ex.NotSent);
        Assert.Equal("ServiceUnavailable", ex.ErrorId);
        Assert.Contains("127.0.0.1:5999", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not retried", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.TokenRequests);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task Later_calls_retry_an_unknown_host()
    {
        var handler = new FakeHandler().ThenThrow(HostNotFound()).ThenThrow(HostNotFound());
        var delays = new List<TimeSpan>();
        var client = new SecuClient(TestConnections.Create(handler, delays, maximumRetryCount: 2), new ApiLogQueue());
        await client.Connection.FirstTokenAsync(client.Log, CancellationToken.None);

        var customer = await client.GetCustomerAsync(Id, CancellationToken.None);

        Assert.Equal("PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", customer.Id);
        Assert.Equal(3, handler.ApiRequests.Count);
        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public async Task A_token_endpoint_answering_404_is_a_wrong_base_uri()
    {
        var handler = new FakeHandler { TokenResponder = (_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.NotFound, "<html>Not Found</html>")) };
        var client = new SecuClient(TestConnections.Create(handler), new ApiLogQueue());

        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.Connection.FirstTokenAsync(client.Log, CancellationToken.None));

        Assert.Equal("TokenEndpointNotFound", ex.ErrorId);
        Assert.Equal(SecuErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("'http://127.0.0.1:5999' looks wrong", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("credentials", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{}", false)]
    [InlineData("{}", true)]
    [InlineData("[{}]", false)]
    [InlineData("[{}]", true)]
    [InlineData("{\"object\":\"payment.customers\"}", false)]
    [InlineData("{\"object\":\"payment.customers\",\"id\":\"\"}", true)]
    public async Task A_get_by_id_answering_without_a_customer_is_not_found(string body, bool debug)
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, body);
        var client = new SecuClient(TestConnections.Create(handler), new ApiLogQueue { DebugEnabled = debug });

        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.GetCustomerAsync(Id, CancellationToken.None));

        Assert.Equal("ProductNotFoundException", ex.ErrorId);
        Assert.Equal(SecuErrorKind.NotFound, ex.Kind);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains(Id, ex.Message, StringComparison.Ordinal);
        Assert.Single(handler.ApiRequests);
    }
}
