using System.Net.Http.Headers;
using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>POST /oauth/token (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public sealed class TokenEndpointTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>
{
    private static readonly object DemoGrant = new
    {
        grant_type = "client_credentials",
        client_id = DemoClient.Id,
        client_secret = DemoClient.Secret,
    };

    [Fact]
    public async Task JsonBodyIssuesABearerToken()
    {
        var r = await sandbox.TokenAsync(DemoGrant);
        var token = AssertTokenAnswer(r, 1200);
        Assert.Equal(200, (await ListWith(token)).StatusCode);
    }

    [Fact]
    public async Task FormBodyIssuesABearerToken()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = DemoClient.Id,
            ["client_secret"] = DemoClient.Secret,
        });
        var r = await sandbox.SendAsync(sandbox.Request(HttpMethod.Post, "/oauth/token", form));
        var token = AssertTokenAnswer(r, 1200);
        Assert.Equal(200, (await ListWith(token)).StatusCode);
    }

    [Fact]
    public async Task BodyWithoutContentTypeIsAccepted()
    {
        // The default, lenient sandbox (strict takes JSON or form bodies only: StrictModeTests).
        await using var sandbox = await SandboxProcess.StartLenientAsync();
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(DemoGrant));
        var r = await sandbox.SendAsync(sandbox.Request(HttpMethod.Post, "/oauth/token", content));
        AssertTokenAnswer(r, 1200);
    }

    public static TheoryData<string, string, string> OAuthErrors() => new()
    {
        { """{"grant_type":"client_credentials","client_id":"09ae83af7c37121b2de929b211bad944","client_secret":"wrong"}""", "invalid_client", "The client credentials are invalid" },
        { """{"grant_type":"client_credentials","client_id":"00000000000000000000000000000000","client_secret":"9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd"}""", "invalid_client", "The client credentials are invalid" },
        { """{"grant_type":"client_credentials","client_id":"","client_secret":"9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd"}""", "invalid_client", "The client credentials are invalid" },
        { """{"grant_type":"client_credentials"}""", "invalid_client", "Client credentials were not found in the headers or body" },
        { """{"grant_type":"foo","client_id":"09ae83af7c37121b2de929b211bad944","client_secret":"9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd"}""", "unsupported_grant_type", "Grant type \"foo\" not supported" },
        { """{"client_id":"09ae83af7c37121b2de929b211bad944","client_secret":"9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd"}""", "invalid_request", "The grant type was not specified in the request" },
    };

    [Theory]
    [MemberData(nameof(OAuthErrors))]
    public async Task OAuthErrorsAnswerTheRfc6749Body(string body, string error, string description)
    {
        var r = await sandbox.SendAsync(sandbox.Request(HttpMethod.Post, "/oauth/token", SandboxProcess.Json(body)));
        AssertOAuthError(r, error, description);
    }

    [Fact]
    public async Task FormBodyWithWrongSecretIsInvalidClient()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = DemoClient.Id,
            ["client_secret"] = DemoClient.Secret + "x",
        });
        var r = await sandbox.SendAsync(sandbox.Request(HttpMethod.Post, "/oauth/token", form));
        AssertOAuthError(r, "invalid_client", "The client credentials are invalid");
    }

    [Fact]
    public async Task DoubleSlashPathIsMerged()
    {
        var request = sandbox.Request(HttpMethod.Post, "//oauth/token", SandboxProcess.Json(DemoGrant));
        Assert.Equal("//oauth/token", request.RequestUri!.AbsolutePath);
        var r = await sandbox.SendAsync(request);
        AssertTokenAnswer(r, 1200);
    }

    [Fact]
    public async Task PathsMatchCaseInsensitively()
    {
        var r = await sandbox.TokenAsync(DemoGrant, "/OAuth/TOKEN");
        var token = AssertTokenAnswer(r, 1200);
        var request = sandbox.Request(HttpMethod.Get, "/API/V2/payment/customers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var list = await sandbox.SendAsync(request);
        Assert.True(list.StatusCode == 200, list.ToString());
        Contract.AssertResponse("/Payment/Customers", "get", list);
    }

    [Fact]
    public async Task TwoTokensOfOneClientStayValidSideBySide()
    {
        var first = await sandbox.NewTokenAsync();
        var second = await sandbox.NewTokenAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(200, (await ListWith(first)).StatusCode);
        Assert.Equal(200, (await ListWith(second)).StatusCode);
    }

    private Task<ApiResponse> ListWith(string token)
    {
        var request = sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return sandbox.SendAsync(request);
    }

    internal static string AssertTokenAnswer(ApiResponse r, int lifetime)
    {
        Assert.True(r.StatusCode == 200, r.ToString());
        Expect.JsonContentType(r);
        Assert.Contains("no-store", r.Header("Cache-Control"));
        Assert.Equal("no-cache", r.Header("Pragma"));
        Contract.AssertResponse("/oauth/token", "post", r);
        var json = r.Json;
        var token = json.GetProperty("access_token").GetString();
        Assert.Matches("^[0-9a-v]{26}$", token);
        Assert.Equal(lifetime, json.GetProperty("expires_in").GetInt32());
        Assert.Equal("bearer", json.GetProperty("token_type").GetString());
        Assert.Equal("https://scope.secucard.com/e/api", json.GetProperty("scope").GetString());
        Assert.False(json.TryGetProperty("refresh_token", out _));
        return token!;
    }

    internal static void AssertOAuthError(ApiResponse r, string error, string description)
    {
        Assert.True(r.StatusCode == 400, $"expected 400 {error}, got {r}");
        Expect.JsonContentType(r);
        Contract.AssertResponse("/oauth/token", "post", r);
        Assert.Equal(error, r.Json.GetProperty("error").GetString());
        Assert.Equal(description, r.Json.GetProperty("error_description").GetString());
        Assert.False(r.Json.TryGetProperty("access_token", out _));
    }
}
