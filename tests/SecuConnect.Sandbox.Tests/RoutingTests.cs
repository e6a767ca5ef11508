using System.Net.Http.Headers;
using System.Text;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>
/// Routing answers in the API's own format: 405 names the allowed methods, every unknown path (file-like ones too)
/// is a ProductNotFoundException, and the body limit holds for chunked bodies as for declared ones.
/// </summary>
public sealed class RoutingTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("PATCH", "/api/v2/Payment/Customers", "GET, POST")]
    [InlineData("HEAD", "/api/v2/Payment/Customers", "GET, POST")]
    [InlineData("POST", "/api/v2/Payment/Customers/PCU_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "GET, PUT, DELETE")]
    [InlineData("GET", "/oauth/token", "POST")]
    [InlineData("POST", "/health", "GET")]
    [InlineData("GET", "/_sandbox/reset", "POST")]
    [InlineData("PATCH", "/_sandbox/faults", "GET, POST, DELETE")]
    [InlineData("GET", "/_sandbox/faults/1", "DELETE")]
    public async Task MethodNotAllowedNamesTheAllowedMethods(string method, string path, string allow)
    {
        using var request = sandbox.Request(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await sandbox.TokenAsync());
        using var response = await sandbox.Http.SendAsync(request);
        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal("ProductNotAllowedException", response.ReasonPhrase);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("/favicon.ico", "no resource at /favicon.ico")]
    [InlineData("/api/v2/Payment/Customers.json", "no resource at /api/v2/Payment/Customers.json")]
    [InlineData("/", "no resource at /")]
    [InlineData("/_sandboxes", "no resource at /_sandboxes")]
    [InlineData("/_sandbox", "unknown sandbox control /_sandbox")]
    [InlineData("/_sandbox/faults/x", "unknown sandbox control /_sandbox/faults/x")]
    public async Task UnknownPathsAreProductNotFound(string path, string details)
    {
        var r = await sandbox.SendAsync(sandbox.Request(HttpMethod.Get, path));
        Expect.Error(r, 404, "ProductNotFoundException", details);
    }

    [Fact]
    public async Task HealthAnswersHead()
    {
        using var response = await sandbox.Http.SendAsync(sandbox.Request(HttpMethod.Head, "/health"));
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task AChunkedBodyOverOneMebibyteIs413()
    {
        var before = await sandbox.StoreSnapshotAsync();
        var json = "{\"contact\":{\"forename\":\"Ada\",\"note\":\"" + new string('a', 1024 * 1024) + "\"}}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = sandbox.Request(HttpMethod.Post, "/api/v2/Payment/Customers", content);
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await sandbox.TokenAsync());
        Expect.Error(await sandbox.SendAsync(request), 413, "ProductFormatException", "1 MiB");
        Assert.Equal(before, await sandbox.StoreSnapshotAsync());
        var post = (await sandbox.RequestLogAsync()).EnumerateArray().Single(e => e.GetProperty("method").GetString() == "POST" && e.GetProperty("path").GetString()!.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Equal(413, post.GetProperty("status").GetInt32());
    }
}
