using System.Net.Http.Headers;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Bearer tokens on /api/v2 (the contract copy, tests/Contract/payment-customers.openapi.json): every failure is 403 code 2003 unless set to 401.</summary>
public sealed class AuthTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string?> BadAuthorization() => new()
    {
        null,
        "Basic MDlhZTgzYWY3YzM3MTIxYjJkZTkyOWIyMTFiYWQ5NDQ6c2VjcmV0",
        "Bearer 0123456789abcdefghijklmnop",
        "Bearer",
        "Token {token}",
        "{token}",
    };

    [Theory]
    [MemberData(nameof(BadAuthorization))]
    public async Task MissingOrInvalidTokenIsProductNotAllowed(string? authorization)
    {
        var r = await GetList(authorization?.Replace("{token}", await sandbox.TokenAsync()));
        Expect.AuthFailure(r);
        Contract.AssertResponse("/Payment/Customers", "get", r);
    }

    [Fact]
    public async Task AuthIsCheckedOnEveryOperation()
    {
        var id = (await sandbox.CreateAsync(new { forename = "Ada" })).GetProperty("id").GetString();
        var calls = new (HttpMethod, string)[]
        {
            (HttpMethod.Post, "/api/v2/Payment/Customers"),
            (HttpMethod.Get, "/api/v2/Payment/Customers/" + id),
            (HttpMethod.Put, "/api/v2/Payment/Customers/" + id),
            (HttpMethod.Delete, "/api/v2/Payment/Customers/" + id),
        };
        foreach (var (method, path) in calls)
        {
            var body = method == HttpMethod.Get || method == HttpMethod.Delete ? null : SandboxProcess.Json("""{"contact":{"forename":"Eve"}}""");
            Expect.AuthFailure(await sandbox.SendAsync(sandbox.Request(method, path, body)));
        }
        var stored = await sandbox.GetCustomerAsync(id!);
        Assert.Equal("Ada", stored.GetProperty("contact").GetProperty("forename").GetString());
        Assert.Equal(1, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task LowerCaseBearerSchemeIsAccepted()
    {
        var r = await GetList("bearer " + await sandbox.TokenAsync());
        Assert.True(r.StatusCode == 200, r.ToString());
    }

    [Fact]
    public async Task ExpireTokensInvalidatesEveryIssuedToken()
    {
        var first = await sandbox.NewTokenAsync();
        var second = await sandbox.NewTokenAsync();
        Assert.Equal(200, (await GetList("Bearer " + first)).StatusCode);

        var expire = await sandbox.ControlAsync(HttpMethod.Post, "/expire-tokens");
        Assert.True(expire.StatusCode is >= 200 and < 300, expire.ToString());

        Expect.AuthFailure(await GetList("Bearer " + first));
        Expect.AuthFailure(await GetList("Bearer " + second));
        var fresh = await sandbox.NewTokenAsync();
        Assert.Equal(200, (await GetList("Bearer " + fresh)).StatusCode);
    }

    [Fact]
    public async Task ShortTokenLifetimeSettingExpiresTokens()
    {
        var earlier = await sandbox.NewTokenAsync();
        await sandbox.PutSettingsAsync(new { tokenLifetime = 1 });
        var r = await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret });
        var token = TokenEndpointTests.AssertTokenAnswer(r, 1);

        var answer = await PollUntil(() => GetList("Bearer " + token), a => a.StatusCode != 200, TimeSpan.FromSeconds(10));
        Expect.AuthFailure(answer);
        // The new lifetime applies to tokens issued afterwards only.
        Assert.Equal(200, (await GetList("Bearer " + earlier)).StatusCode);
    }

    [Fact]
    public async Task AuthFailureStatusSettingAnswers401WithTheSameBody()
    {
        await sandbox.PutSettingsAsync(new { authFailureStatus = 401 });
        Expect.AuthFailure(await GetList(null), 401);
        Expect.AuthFailure(await GetList("Bearer 0123456789abcdefghijklmnop"), 401);
        var token = await sandbox.TokenAsync();
        Assert.Equal(200, (await GetList("Bearer " + token)).StatusCode);
        Assert.True((await sandbox.ControlAsync(HttpMethod.Post, "/expire-tokens")).StatusCode is >= 200 and < 300);
        Expect.AuthFailure(await GetList("Bearer " + token), 401);

        await sandbox.ResetAsync();
        Expect.AuthFailure(await GetList(null), 403);
    }

    [Fact]
    public async Task SettingsChangeOnlyWhatTheyName()
    {
        await sandbox.PutSettingsAsync(new { authFailureStatus = 401 });
        await sandbox.PutSettingsAsync(new { tokenLifetime = 7 });
        TokenEndpointTests.AssertTokenAnswer(
            await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret }), 7);
        Expect.AuthFailure(await GetList(null), 401);
    }

    private Task<ApiResponse> GetList(string? authorization)
    {
        var request = sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return sandbox.SendAsync(request);
    }

    internal static async Task<ApiResponse> PollUntil(Func<Task<ApiResponse>> call, Func<ApiResponse, bool> done, TimeSpan deadline)
    {
        var end = DateTime.UtcNow + deadline;
        while (true)
        {
            var r = await call();
            if (done(r)) return r;
            if (DateTime.UtcNow > end) throw new Xunit.Sdk.XunitException($"condition not met within {deadline.TotalSeconds} s; last answer {r}");
            await Task.Delay(100);
        }
    }
}
