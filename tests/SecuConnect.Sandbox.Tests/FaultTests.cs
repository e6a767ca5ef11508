using System.Diagnostics;
using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Injected faults under /_sandbox/faults.</summary>
public sealed class FaultTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        await sandbox.TokenAsync(); // fetched before any fault exists
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ApiResponse> Post(string forename = "Ada") =>
        sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", new { contact = new { forename } });

    private Task<ApiResponse> List() => sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers");

    /// <summary>
    /// An injected fault carries the exception name the live API uses for its status (the contract copy, tests/Contract/payment-customers.openapi.json), or no name where
    /// none is known, so clients fall back to their status-based handling.
    /// </summary>
    private static void AssertFault(ApiResponse r, int status)
    {
        var name = status switch
        {
            400 or 413 => "ProductFormatException",
            401 => "ProductSecurityException",
            403 or 405 => "ProductNotAllowedException",
            404 => "ProductNotFoundException",
            500 => "ProductInternalException",
            _ => null,
        };
        if (name != null)
        {
            Expect.Error(r, status, name, "injected fault");
            return;
        }
        Assert.True(r.StatusCode == status, $"expected {status}, got {r}");
        Expect.JsonContentType(r);
        Assert.False(r.Json.TryGetProperty("error", out _), $"a fault without an API name carries no error: {r.Body}");
        Assert.NotEqual("SandboxFault", r.Reason);
        Assert.Equal("error", r.Json.GetProperty("status").GetString());
        Assert.Equal(status, r.Json.GetProperty("code").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", r.Json.GetProperty("supportId").GetString());
        Assert.Contains("injected fault", r.Json.GetProperty("error_details").GetString());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task FaultsAreNamedAsTheLiveApiNamesTheirStatus(int status)
    {
        await sandbox.AddFaultAsync(new { status, count = 1, method = "GET", pathPrefix = "/api/v2/Payment/Customers" });
        AssertFault(await List(), status);
    }

    private async Task<int> StoredCountWithoutFaults()
    {
        await sandbox.ControlAsync(HttpMethod.Delete, "/faults");
        return (await sandbox.ListAsync()).GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task BeforePhaseFaultRejectsWithoutEffect()
    {
        var fault = await sandbox.AddFaultAsync(new { status = 503, retryAfter = 1, method = "POST", pathPrefix = "/api/v2/Payment/Customers" });
        Assert.True(fault.TryGetProperty("id", out _), $"the added fault carries an id: {fault}");

        var r = await Post();
        AssertFault(r, 503);
        Assert.Equal("1", r.Header("Retry-After"));
        Assert.Equal(0, await StoredCountWithoutFaults());
    }

    [Fact]
    public async Task AfterPhaseFaultOnPostCreatesTheCustomerButLosesTheAnswer()
    {
        await sandbox.AddFaultAsync(new { status = 502, method = "POST", phase = "after" });
        var r = await Post("Lost");
        AssertFault(r, 502);
        Assert.Null(r.Header("Retry-After"));
        var list = await sandbox.ListAsync();
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        Assert.Equal("Lost", Expect.At(list.GetProperty("data")[0], "contact.forename"));
    }

    [Fact]
    public async Task AfterPhaseFaultFiresOnlyWhenTheOperationSucceeded()
    {
        await sandbox.AddFaultAsync(new { status = 502, method = "POST", phase = "after", count = 1 });
        var invalid = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", "{}");
        Expect.Error(invalid, 400, "ProductFormatException", "no payload");
        AssertFault(await Post(), 502);
        Assert.Equal(1, await StoredCountWithoutFaults());
    }

    [Fact]
    public async Task StatusZeroDropsTheConnection()
    {
        await sandbox.AddFaultAsync(new { status = 0, method = "GET", count = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(List);
        Assert.Equal(200, (await List()).StatusCode);
        var log = await sandbox.RequestLogAsync();
        var gets = log.EnumerateArray().Where(e => e.GetProperty("method").GetString() == "GET").ToArray();
        Assert.Equal(new[] { 0, 200 }, gets.Select(e => e.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task RateZeroNeverFires()
    {
        await sandbox.AddFaultAsync(new { status = 503, rate = 0.0 });
        for (var i = 0; i < 5; i++) Assert.Equal(200, (await List()).StatusCode);
    }

    [Fact]
    public async Task CountLimitsFirings()
    {
        await sandbox.AddFaultAsync(new { status = 503, count = 2 });
        AssertFault(await List(), 503);
        AssertFault(await List(), 503);
        Assert.Equal(200, (await List()).StatusCode);
        Assert.Equal(200, (await List()).StatusCode);
    }

    [Fact]
    public async Task MethodFilterMatchesOnlyThatMethod()
    {
        await sandbox.AddFaultAsync(new { status = 500, method = "POST" });
        Assert.Equal(200, (await List()).StatusCode);
        AssertFault(await Post(), 500);
    }

    [Fact]
    public async Task PathPrefixFilterMatchesOnlyThosePaths()
    {
        await sandbox.AddFaultAsync(new { status = 503, pathPrefix = "/oauth/token" });
        var token = await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret });
        AssertFault(token, 503);
        Assert.Equal(200, (await List()).StatusCode);
    }

    [Fact]
    public async Task FirstAddedFaultFiresFirst()
    {
        await sandbox.AddFaultAsync(new { status = 500 });
        await sandbox.AddFaultAsync(new { status = 502 });
        AssertFault(await List(), 500);
        var listed = await sandbox.ControlAsync(HttpMethod.Get, "/faults");
        Assert.Equal(200, listed.StatusCode);
        Assert.Equal(new[] { 500, 502 }, listed.Json.EnumerateArray().Select(f => f.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task FaultsNeverHitSandboxControlsOrHealth()
    {
        await sandbox.AddFaultAsync(new { status = 503 });
        AssertFault(await List(), 503);
        Assert.Equal(200, (int)(await sandbox.Http.GetAsync("health")).StatusCode);
        Assert.Equal(200, (await sandbox.ControlAsync(HttpMethod.Get, "/requests")).StatusCode);
        Assert.Equal(200, (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).StatusCode);
        var cleared = await sandbox.ControlAsync(HttpMethod.Delete, "/faults");
        Assert.True(cleared.StatusCode is >= 200 and < 300, cleared.ToString());
        Assert.Equal(200, (await List()).StatusCode);
        Assert.Equal(0, (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).Json.GetArrayLength());
    }

    [Fact]
    public async Task LatencyDelaysTheAnswer()
    {
        await sandbox.AddFaultAsync(new { status = 503, latencyMs = 400, count = 1 });
        var watch = Stopwatch.StartNew();
        AssertFault(await List(), 503);
        Assert.True(watch.ElapsedMilliseconds >= 380, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task ResetClearsFaults()
    {
        await sandbox.AddFaultAsync(new { status = 503 });
        await sandbox.ResetAsync();
        Assert.Equal(0, (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).Json.GetArrayLength());
        Assert.Equal(200, (await List()).StatusCode);
    }

    [Fact]
    public async Task RequestLogRecordsFaultAnswersAndNoSecrets()
    {
        var token = await sandbox.TokenAsync();
        await sandbox.ClearLogAsync();
        await sandbox.AddFaultAsync(new { status = 429, count = 1, pathPrefix = "/api/v2" });
        AssertFault(await List(), 429);
        Assert.Equal(200, (await List()).StatusCode);
        await sandbox.AddFaultAsync(new { status = 503, count = 1, pathPrefix = "/oauth/token" });
        AssertFault(await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret }), 503);

        var log = await sandbox.RequestLogAsync();
        Assert.Equal(new[] { 429, 200, 503 }, log.EnumerateArray().Select(e => e.GetProperty("status").GetInt32()));
        var text = log.GetRawText();
        Assert.DoesNotContain(DemoClient.Secret, text);
        Assert.DoesNotContain(token, text);
    }

    [Fact]
    public async Task AfterPhaseFaultsOnPutAndDeleteApplyTheChange()
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada" });
        var id = c.GetProperty("id").GetString()!;
        await sandbox.AddFaultAsync(new { status = 504, method = "PUT", phase = "after", count = 1 });
        AssertFault(await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, new { contact = new { forename = "Augusta" } }), 504);
        Assert.Equal("Augusta", Expect.At(await sandbox.GetCustomerAsync(id), "contact.forename"));

        await sandbox.AddFaultAsync(new { status = 500, method = "DELETE", phase = "after", count = 1 });
        AssertFault(await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + id), 500);
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers/" + id), 404, "ProductNotFoundException");
    }

    [Fact]
    public async Task BeforePhaseFaultsOnPutAndDeleteChangeNothing()
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada" });
        var id = c.GetProperty("id").GetString()!;
        await sandbox.AddFaultAsync(new { status = 503, method = "PUT" });
        await sandbox.AddFaultAsync(new { status = 503, method = "DELETE" });
        AssertFault(await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, new { contact = new { forename = "Augusta" } }), 503);
        AssertFault(await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + id), 503);
        Assert.Equal(c.GetRawText(), (await sandbox.GetCustomerAsync(id)).GetRawText());
    }

    [Fact]
    public async Task FractionalRateFiresForSomeRequestsOnly()
    {
        await sandbox.AddFaultAsync(new { status = 503, rate = 0.5 });
        var statuses = new List<int>();
        for (var i = 0; i < 40; i++) statuses.Add((await List()).StatusCode);
        // Both outcomes are all but certain in 40 rolls (each extreme has probability 2^-40).
        Assert.Contains(503, statuses);
        Assert.Contains(200, statuses);
        Assert.All(statuses, s => Assert.True(s is 200 or 503));
    }
}
