using System.Net.Http.Headers;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Command-line options that need a sandbox of their own.</summary>
public sealed class StartupOptionTests
{
    private const string ExtraId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string ExtraSecret = "extra-secret-for-tests-only";
    private const string ContractId = "PCR_TESTCONTRACT000000000000000001";
    private const string MerchantId = "MRC_TESTMERCHANT000000000000000001";

    [Fact]
    public async Task ExtraClientContractAndMerchantOptionsApply()
    {
        Assert.Matches("^PCR_[A-Z0-9]{30}$", ContractId);
        Assert.Matches("^MRC_[A-Z0-9]{30}$", MerchantId);
        await using var sandbox = await SandboxProcess.StartAsync(
            "--client", $"{ExtraId}:{ExtraSecret}", "--contract", ContractId, "--merchant", MerchantId);

        var extra = await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = ExtraId, client_secret = ExtraSecret });
        var token = TokenEndpointTests.AssertTokenAnswer(extra, 1200);
        TokenEndpointTests.AssertOAuthError(
            await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = ExtraId, client_secret = ExtraSecret + "x" }),
            "invalid_client", "The client credentials are invalid");
        // The demo client stays available beside the extra one.
        await sandbox.NewTokenAsync();

        var request = sandbox.Request(HttpMethod.Post, "/api/v2/Payment/Customers", SandboxProcess.Json("""{"contact":{"forename":"Ada"}}"""));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await sandbox.SendAsync(request);
        Assert.True(created.StatusCode == 200, created.ToString());
        Expect.CustomerRecord(created.Json);
        Assert.Equal(ContractId, created.Json.GetProperty("contract").GetProperty("id").GetString());
        Assert.Equal(MerchantId, created.Json.GetProperty("merchant").GetProperty("id").GetString());

        // Secrets and tokens never reach the console, and requests are not logged there.
        var console = sandbox.StdOut + sandbox.StdErr;
        Assert.DoesNotContain(ExtraSecret, console);
        Assert.DoesNotContain(DemoClient.Secret, console);
        Assert.DoesNotContain(token, console);
        Assert.DoesNotContain("/api/v2", console);
    }

    [Fact]
    public async Task TokenLifetimeAndAuthFailureStatusOptionsApply()
    {
        await using var sandbox = await SandboxProcess.StartAsync("--token-lifetime", "2", "--auth-failure-status", "401");
        var answer = await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret });
        var token = TokenEndpointTests.AssertTokenAnswer(answer, 2);

        Expect.AuthFailure(await sandbox.SendAsync(sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers")), 401);

        Task<ApiResponse> List()
        {
            var request = sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return sandbox.SendAsync(request);
        }
        var expired = await AuthTests.PollUntil(List, r => r.StatusCode != 200, TimeSpan.FromSeconds(15));
        Expect.AuthFailure(expired, 401);

        // Reset restores the start-up settings, which are these options, not the built-in defaults.
        await sandbox.PutSettingsAsync(new { tokenLifetime = 600, authFailureStatus = 403 });
        await sandbox.ResetAsync();
        TokenEndpointTests.AssertTokenAnswer(
            await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret }), 2);
        Expect.AuthFailure(await sandbox.SendAsync(sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers")), 401);
    }

    [Fact]
    public async Task OmitContractLeavesContractOutOfEveryAnswer()
    {
        await using var sandbox = await SandboxProcess.StartAsync("--omit-contract");
        var created = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", """{"contact":{"forename":"Ada"}}""");
        Assert.True(created.StatusCode == 200, created.ToString());
        var id = created.Json.GetProperty("id").GetString()!;
        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, """{"contact":{"forename":"Ada","surname":"Lovelace"}}""");
        var get = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers/" + id);
        var list = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers");
        var delete = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + id);
        foreach (var c in new[] { created.Json, put.Json, get.Json, list.Json.GetProperty("data")[0], delete.Json[0] })
        {
            Assert.False(c.TryGetProperty("contract", out _), $"contract in {c}");
            Assert.Equal("general.merchants", c.GetProperty("merchant").GetProperty("object").GetString());
            Contract.AssertDefinition("PaymentCustomersProductModel", c);
        }
        Assert.Equal(0, (await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?q=contract.object:*")).Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task NonLoopbackAddressWithoutAllowRemoteIsRefused()
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(
            TimeSpan.FromSeconds(30), "--urls", "http://0.0.0.0:0");
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("Now listening on", stdout);
        Assert.False(string.IsNullOrWhiteSpace(stderr), "the refusal must explain itself on stderr");
        Assert.Contains("--allow-remote", stderr);
    }

    [Fact]
    public async Task HelpPrintsUsage()
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(TimeSpan.FromSeconds(30), "--help");
        Assert.True(exitCode == 0, $"--help exited {exitCode}: {stderr}");
        foreach (var option in new[] { "--urls", "--allow-remote", "--data", "--client", "--token-lifetime", "--auth-failure-status", "--omit-contract", "--extra-fields", "--request-log-limit", "--strict" })
        {
            Assert.Contains(option, stdout);
        }
    }
}
