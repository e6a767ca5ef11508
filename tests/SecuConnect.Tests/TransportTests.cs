using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>The transport a connection sends through: handler settings, TLS flags, the request gate, failure classes.</summary>
public class TransportTests
{
    private static SecuConnectionOptions Options() => new() { BaseUri = new Uri("https://connect.example"), ClientId = "x", ClientSecret = TestConnections.Secure("y") };

    [Fact]
    public void The_handler_follows_no_redirect_keeps_no_cookie_and_allows_a_connection_per_throttled_record()
    {
        using var handler = Transport.CreateHandler(Options());
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(64, handler.MaxConnectionsPerServer);
        Assert.True(handler.UseProxy);
        Assert.Null(handler.Proxy); // the platform's proxy
    }

    [Fact]
    public void A_given_proxy_carries_its_credentials()
    {
        var options = Options();
        options.Proxy = new Uri("http://proxy.example:8080");
        options.ProxyCredential = new NetworkCredential("alice", "pw");
        using var handler = Transport.CreateHandler(options);
        var proxy = Assert.IsType<WebProxy>(handler.Proxy);
        Assert.Equal(new Uri("http://proxy.example:8080"), proxy.Address);
        Assert.Equal("alice", proxy.Credentials!.GetCredential(proxy.Address!, "Basic")!.UserName);
        Assert.Equal(new Uri("http://proxy.example:8080"), Transport.ProxyFor(options, new Uri("https://connect.example")));
    }

    [Fact]
    public void Default_credentials_go_to_the_given_or_the_platform_proxy()
    {
        var options = Options();
        options.ProxyUseDefaultCredentials = true;
        using (var platform = Transport.CreateHandler(options)) Assert.Same(CredentialCache.DefaultCredentials, platform.DefaultProxyCredentials);
        options.Proxy = new Uri("http://proxy.example:8080");
        using var given = Transport.CreateHandler(options);
        Assert.True(Assert.IsType<WebProxy>(given.Proxy).UseDefaultCredentials);
    }

    [Theory]
    [InlineData(SecurityProtocolType.SystemDefault, true, SecurityProtocolType.SystemDefault)]
    [InlineData(SecurityProtocolType.Tls, true, SecurityProtocolType.Tls | SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11, false, SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls13, true, SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    public void Tls_flags_keep_what_the_user_enabled_and_add_tls12_and_13(SecurityProtocolType current, bool knowsTls13, SecurityProtocolType expected)
    {
#pragma warning disable SYSLIB0039 // the old protocols are what Windows PowerShell 5.1 may still have enabled
        Assert.Equal(expected, Transport.WithModernTls(current, knowsTls13));
#pragma warning restore SYSLIB0039
    }

    public static IEnumerable<object[]> NotSentFailures() => new[]
    {
        new object[] { new HttpRequestException("x", new WebException("dns", WebExceptionStatus.NameResolutionFailure)) },
        new object[] { new HttpRequestException("x", new WebException("connect", WebExceptionStatus.ConnectFailure)) },
        new object[] { new HttpRequestException("x", new WebException("tls", WebExceptionStatus.SecureChannelFailure)) },
        new object[] { new HttpRequestException("x", new System.Security.Authentication.AuthenticationException("handshake")) },
        new object[] { new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)) },
    };

    [Theory]
    [MemberData(nameof(NotSentFailures))]
    public void Dns_connect_and_tls_failures_count_as_not_sent_on_every_runtime(Exception failure) =>
        Assert.Equal(FailureKind.NotSent, NetworkFailures.Classify(failure));

    [Fact]
    public void A_connection_lost_mid_answer_may_have_been_processed() =>
        Assert.Equal(FailureKind.LostAfterSending, NetworkFailures.Classify(new HttpRequestException("x", new WebException("reset", WebExceptionStatus.ReceiveFailure))));

    [Fact]
    public async Task A_request_waiting_for_a_free_connection_has_not_started_its_timeout()
    {
        // A handler with one connection: a second request waits inside it for the first to finish (1.2 s each).
        var busy = new SemaphoreSlim(1, 1);
        var handler = new FakeHandler
        {
            Fallback = async (_, ct) =>
            {
                await busy.WaitAsync(ct);
                try { await Task.Delay(1200, ct); }
                finally { busy.Release(); }
                return FakeHandler.Json(HttpStatusCode.OK, "{\"object\":\"payment.customers\",\"id\":\"PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW\"}");
            },
        };
        // With a 2 s timeout the second request would time out (2.4 s) if its clock ran while it waited for the
        // connection; the gate (one request in flight, as many as the handler's connections) starts it only when free.
        var connection = TestConnections.Create(handler, timeoutSec: 2, maximumRetryCount: 0, maxRequestsInFlight: 1);
        var client = new SecuClient(connection, new ApiLogQueue());
        const string id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";
        var both = await Task.WhenAll(client.GetCustomerAsync(id, CancellationToken.None), client.GetCustomerAsync(id, CancellationToken.None));
        Assert.All(both, c => Assert.Equal(id, c.Id));
    }
}
