using System.Net;
using System.Net.Sockets;
using System.Text;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>The sandbox listens only where --urls says, on loopback unless --allow-remote (issue: binding tricks).</summary>
public sealed class BindingTests
{
    [Theory]
    [InlineData("http://loopback:0")]             // System.Uri calls this localhost; Kestrel binds every interface
    [InlineData("http://me@127.0.0.1:0")]         // user info: Kestrel's host is "me@127.0.0.1", so every interface
    [InlineData("http://127.0.0.1.nip.io:0")]
    [InlineData("http://*:0")]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public async Task AddressesKestrelWouldBindBeyondLoopbackAreRefused(string urls)
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(TimeSpan.FromSeconds(30), "--urls", urls);
        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("Now listening", stdout);
        Assert.Contains("--allow-remote", stderr);
    }

    [Theory]
    [InlineData("http://[::ffff:127.0.0.1]:0")]               // IPAddress.IsLoopback says yes; no socket binds it
    [InlineData("http://[0:0:0:0:0:ffff:7f00:1]:0")]          // the same address, written out
    [InlineData("http://[::FFFF:127.0.0.2]:0", "--allow-remote")]
    [InlineData("http://[::ffff:0.0.0.0]:0", "--allow-remote")]
    public async Task IPv4MappedAddressesAreRefusedNotCrashedOn(string urls, params string[] more)
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(TimeSpan.FromSeconds(30), ["--urls", urls, .. more]);
        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("Now listening", stdout);
        Assert.Contains($"'{urls}': an IPv4-mapped IPv6 address cannot be listened on", stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
    }

    [Theory]
    [InlineData("http://[::1%1]:0")]        // a scope id makes it another address than ::1
    [InlineData("http://[::127.0.0.1]:0")]  // IPv4-compatible, not loopback
    public async Task OtherIPv6SpellingsOfLoopbackAreRefused(string urls)
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(TimeSpan.FromSeconds(30), "--urls", urls);
        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("Now listening", stdout);
        Assert.Contains("--allow-remote", stderr);
    }

    [Fact]
    public async Task AnAddressThisMachineDoesNotHaveIsAnErrorNotACrash()
    {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): no machine has it, so binding fails.
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(TimeSpan.FromSeconds(30), "--allow-remote", "--urls", "http://192.0.2.1:0");
        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("Now listening", stdout);
        Assert.Contains("SecuConnect.Sandbox: cannot listen on http://192.0.2.1:0", stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
    }

    [Theory]
    [InlineData("--Kestrel:Endpoints:Http:Url=http://0.0.0.0:0")]
    [InlineData("--urls=http://127.0.0.1:0", "--Kestrel:Endpoints:Http:Url", "http://0.0.0.0:0")]
    [InlineData("--urls", "http://127.0.0.1:0", "Kestrel:Endpoints:Http:Url=http://0.0.0.0:0")]
    [InlineData("--urls", "https://127.0.0.1:0")]
    [InlineData("--urls", "http://127.0.0.1:0/base")]
    public async Task ConfigurationKeysAndUnsupportedAddressesAreErrors(params string[] args)
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(TimeSpan.FromSeconds(30), args);
        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("Now listening", stdout);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
    }

    [Fact]
    public async Task EnvironmentAndAppSettingsAddNoEndpoint()
    {
        int[] ports = [FreePort(), FreePort(), FreePort(), FreePort(), FreePort()];
        var directory = Directory.CreateTempSubdirectory("secu-sandbox-cwd-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "appsettings.json"),
                "{\"Kestrel\": {\"Endpoints\": {\"Http\": {\"Url\": \"http://0.0.0.0:" + ports[0] + "\"} } }, \"urls\": \"http://0.0.0.0:" + ports[1] + "\"}");
            var environment = new Dictionary<string, string>
            {
                ["Kestrel__Endpoints__Http__Url"] = $"http://0.0.0.0:{ports[2]}",
                ["ASPNETCORE_Kestrel__Endpoints__Other__Url"] = $"http://0.0.0.0:{ports[3]}",
                ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{ports[4]}",
                ["DOTNET_URLS"] = $"http://0.0.0.0:{ports[4]}",
                ["ASPNETCORE_HTTP_PORTS"] = ports[4].ToString(),
            };
            await using var sandbox = await SandboxProcess.StartInAsync(environment, directory);
            Assert.Single(sandbox.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("127.0.0.1", sandbox.BaseUri.Host);
            foreach (var port in ports)
            {
                Assert.False(await ServedBy(sandbox, port), $"port {port} from the environment or appsettings.json is listening");
            }
            Assert.DoesNotContain("Overriding", sandbox.StdErr);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try { return ((IPEndPoint)l.LocalEndpoint).Port; }
        finally { l.Stop(); }
    }

    /// <summary>
    /// True when this sandbox answers on the port. A freed port may be taken by another process meanwhile (other tests
    /// start sandboxes on free ports), so a connection alone proves nothing: a request with a marker path must reach
    /// this sandbox's own request log.
    /// </summary>
    private static async Task<bool> ServedBy(SandboxProcess sandbox, int port)
    {
        string marker = $"/api/v2/Payment/Customers/PCU_PORTPROBE{port}";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var _ = await client.GetAsync($"http://127.0.0.1:{port}{marker}");
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
        var log = await sandbox.RequestLogAsync();
        return log.EnumerateArray().Any(e => e.GetProperty("path").GetString() == marker);
    }
}

/// <summary>
/// Test controls answer local scripts only, and the API answers only for loopback names: a web page (Origin header,
/// text/plain POST) or a DNS-rebound name (foreign Host) gets nothing.
/// </summary>
public sealed class RequestGuardTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpRequestMessage Control(HttpMethod method, string path, HttpContent? content = null, string? host = null, string? origin = null)
    {
        var request = sandbox.Request(method, "/_sandbox" + path, content);
        if (host != null) request.Headers.Host = host;
        if (origin != null) request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task ControlsRefuseAForeignHost()
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        var port = sandbox.BaseUri.Port;
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Post, "/reset", host: $"rebound.example:{port}")), 403, "ProductNotAllowedException", "loopback Host");
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Get, "/requests", host: "localhost.example")), 403, "ProductNotAllowedException");
        Assert.Equal(1, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
        // Loopback names are fine, with or without port.
        Assert.Equal(200, (await sandbox.SendAsync(Control(HttpMethod.Get, "/faults", host: $"localhost:{port}"))).StatusCode);
        Assert.Equal(200, (await sandbox.SendAsync(Control(HttpMethod.Get, "/faults", host: "[::1]"))).StatusCode);
    }

    [Fact]
    public async Task ControlsRefuseAnyRequestWithAnOrigin()
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Post, "/reset", origin: "https://evil.example")), 403, "ProductNotAllowedException", "Origin");
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Get, "/requests", origin: sandbox.BaseUri.GetLeftPart(UriPartial.Authority))), 403, "ProductNotAllowedException");
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Post, "/faults", SandboxProcess.Json("""{"status": 503}"""), origin: "null")), 403, "ProductNotAllowedException");
        Assert.Equal(1, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
        Assert.Equal(0, (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).Json.GetArrayLength());
    }

    [Fact]
    public async Task ControlBodiesMustBeJson()
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Post, "/reset", new StringContent("x", Encoding.UTF8, "text/plain"))), 415, "ProductFormatException", "application/json");
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Post, "/faults", new StringContent("""{"status": 503}""", Encoding.UTF8, "text/plain"))), 415, "ProductFormatException");
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Post, "/faults",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "503" }))), 415, "ProductFormatException");
        var noType = new ByteArrayContent("""{"status": 503}"""u8.ToArray());
        Expect.Error(await sandbox.SendAsync(Control(HttpMethod.Post, "/faults", noType)), 415, "ProductFormatException");
        Assert.Equal(1, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
        Assert.Equal(0, (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).Json.GetArrayLength());

        // application/json with parameters is fine, and a POST without body needs no content type.
        var json = new StringContent("""{"status": 503, "pathPrefix": "/api/v2/General"}""", Encoding.UTF8, "application/json");
        Assert.Equal(200, (await sandbox.SendAsync(Control(HttpMethod.Post, "/faults", json))).StatusCode);
        Assert.Equal(200, (await sandbox.SendAsync(Control(HttpMethod.Post, "/reset"))).StatusCode);
        Assert.Equal(0, (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).Json.GetArrayLength());
    }

    [Fact]
    public async Task TheApiAnswersAForeignHostWith421()
    {
        var token = await sandbox.TokenAsync();
        await sandbox.CreateAsync(new { forename = "Ada", email = "ada@example.com" });

        var list = sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers");
        list.Headers.Host = $"rebound.example:{sandbox.BaseUri.Port}";
        list.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var answer = await sandbox.SendAsync(list);
        Expect.Error(answer, 421, "ProductNotAllowedException", "misdirected");
        Assert.DoesNotContain("ada@example.com", answer.Body);

        var tokenRequest = sandbox.Request(HttpMethod.Post, "/oauth/token",
            SandboxProcess.Json(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret }));
        tokenRequest.Headers.Host = "rebound.example";
        Expect.Error(await sandbox.SendAsync(tokenRequest), 421, "ProductNotAllowedException");

        // localhost is a loopback name.
        var local = sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers");
        local.Headers.Host = $"LOCALHOST:{sandbox.BaseUri.Port}";
        local.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(200, (await sandbox.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task AllowRemoteServesOtherNames()
    {
        await using var remote = await SandboxProcess.StartAsync("--allow-remote");
        var list = remote.Request(HttpMethod.Get, "/api/v2/Payment/Customers");
        list.Headers.Host = "sandbox.internal.example";
        list.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await remote.TokenAsync());
        Assert.Equal(200, (await remote.SendAsync(list)).StatusCode);
        // The test controls stay local even so.
        var reset = remote.Request(HttpMethod.Post, "/_sandbox/reset");
        reset.Headers.Host = "sandbox.internal.example";
        Assert.Equal(403, (await remote.SendAsync(reset)).StatusCode);
    }
}
