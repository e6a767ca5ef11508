using System.Globalization;
using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Request log, settings and reset under /_sandbox.</summary>
public sealed class ControlTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RequestLogListsTokenAndApiCallsOldestFirst()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-2);
        var token = await sandbox.NewTokenAsync();
        sandbox.ForgetToken();
        var c = await sandbox.CreateAsync(new { forename = "Ada", email = "ada@example.com" });
        var id = c.GetProperty("id").GetString();
        await sandbox.ListAsync("?count=5&offset=0");
        await sandbox.GetCustomerAsync(id!);
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers/PCU_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"), 404, "ProductNotFoundException");
        await sandbox.ControlAsync(HttpMethod.Get, "/faults");
        await sandbox.Http.GetAsync("health");

        var log = (await sandbox.RequestLogAsync()).EnumerateArray().ToArray();
        Assert.Equal(
            new[] { "POST /oauth/token 200", "POST /oauth/token 200", "POST /api/v2/Payment/Customers 200", "GET /api/v2/Payment/Customers 200", $"GET /api/v2/Payment/Customers/{id} 200", "GET /api/v2/Payment/Customers/PCU_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ 404" },
            log.Select(e => $"{e.GetProperty("method").GetString()} {e.GetProperty("path").GetString()} {e.GetProperty("status").GetInt32()}"));
        Assert.Contains("count=5", log[3].GetProperty("query").GetString());
        Assert.Contains("offset=0", log[3].GetProperty("query").GetString());

        var previous = DateTimeOffset.MinValue;
        foreach (var entry in log)
        {
            var at = DateTimeOffset.Parse(entry.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(at, started, DateTimeOffset.UtcNow.AddSeconds(2));
            Assert.True(at >= previous, "log entries are oldest first");
            previous = at;
        }

        var text = JsonSerializer.Serialize(log);
        Assert.DoesNotContain(DemoClient.Secret, text);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(await sandbox.TokenAsync(), text);
        Assert.DoesNotContain("ada@example.com", text);
    }

    [Fact]
    public async Task FormTokenRequestLogsNoSecret()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = DemoClient.Id,
            ["client_secret"] = DemoClient.Secret,
        });
        var r = await sandbox.SendAsync(sandbox.Request(HttpMethod.Post, "/oauth/token?x=1", form));
        var token = TokenEndpointTests.AssertTokenAnswer(r, 1200);
        await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = "wrong-secret-value" });
        var text = (await sandbox.RequestLogAsync()).GetRawText();
        Assert.DoesNotContain(DemoClient.Secret, text);
        Assert.DoesNotContain("wrong-secret-value", text);
        Assert.DoesNotContain(token, text);
        Assert.Equal(2, (await sandbox.RequestLogAsync()).GetArrayLength());
    }

    [Fact]
    public async Task ClearingTheLogKeepsStoreFaultsAndSettings()
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        await sandbox.AddFaultAsync(new { status = 503, pathPrefix = "/api/v2/General" });
        await sandbox.PutSettingsAsync(new { tokenLifetime = 9 });

        await sandbox.ClearLogAsync();

        Assert.Equal(0, (await sandbox.RequestLogAsync()).GetArrayLength());
        Assert.Equal(1, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
        Assert.Equal(1, (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).Json.GetArrayLength());
        TokenEndpointTests.AssertTokenAnswer(
            await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret }), 9);
    }

    [Fact]
    public async Task ResetEmptiesEverythingAndRestoresStartupSettings()
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        await sandbox.AddFaultAsync(new { status = 503, pathPrefix = "/api/v2/General" });
        await sandbox.PutSettingsAsync(new { tokenLifetime = 5, authFailureStatus = 401 });
        Assert.NotEqual(0, (await sandbox.RequestLogAsync()).GetArrayLength());

        await sandbox.ResetAsync();

        Assert.Equal(0, (await sandbox.RequestLogAsync()).GetArrayLength());
        Assert.Equal(0, (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).Json.GetArrayLength());
        TokenEndpointTests.AssertTokenAnswer(
            await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret }), 1200);
        Expect.AuthFailure(await sandbox.SendAsync(sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers")), 403);
        Assert.Equal(0, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task AuthFailuresAreLogged()
    {
        Expect.AuthFailure(await sandbox.SendAsync(sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers?count=1")));
        var log = (await sandbox.RequestLogAsync()).EnumerateArray().Single();
        Assert.Equal("GET", log.GetProperty("method").GetString());
        Assert.Equal(403, log.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/extra-fields", "invalid extra fields")]
    [InlineData("/shapes", "invalid shapes")]
    public async Task TheConfigurationControlsOpenTheirBodiesAlike(string control, string refusal)
    {
        // A byte order mark is tolerated; a body that is no JSON object, or nests deeper than 64, is refused alike.
        Assert.Equal(200, (await sandbox.ControlAsync(HttpMethod.Put, control, "\uFEFF{}")).StatusCode);
        var notAnObject = await sandbox.ControlAsync(HttpMethod.Put, control, "[1]");
        Expect.Error(notAnObject, 400, "ProductFormatException");
        Assert.Equal(refusal + ": a JSON object expected", notAnObject.Json.GetProperty("error_details").GetString());
        string deep = "{\"a\": " + new string('[', 64) + new string(']', 64) + "}";
        foreach (var malformed in new[] { "{", deep })
        {
            var r = await sandbox.ControlAsync(HttpMethod.Put, control, malformed);
            Expect.Error(r, 400, "ProductFormatException");
            Assert.StartsWith(refusal + ": malformed JSON: ", r.Json.GetProperty("error_details").GetString());
        }
    }
}
