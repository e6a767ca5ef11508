using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Caps that keep a long-running sandbox's memory bounded: request log, scrolls, faults.</summary>
public sealed class LimitTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RequestLogIsCappedInBytesOldestFirstOut()
    {
        await using var small = await SandboxProcess.StartAsync("--request-log-limit", "4096");
        var pad = new string('x', 500);
        for (var i = 0; i < 10; i++)
        {
            // Unauthorised list calls: logged with their query, nothing else happens.
            await small.SendAsync(small.Request(HttpMethod.Get, $"/api/v2/Payment/Customers?n={i}&pad={pad}"));
        }
        var log = (await small.RequestLogAsync()).EnumerateArray().Select(e => e.GetProperty("query").GetString()!).ToArray();
        // Each entry costs about 128 + 2 x 540 bytes: three fit into 4096.
        Assert.Equal(3, log.Length);
        Assert.Equal(["n=7", "n=8", "n=9"], log.Select(q => q.Split('&').First(p => p.StartsWith("n=", StringComparison.Ordinal))));

        foreach (var bad in new[] { "0", "1023", "x", "-5" })
        {
            var (exitCode, _, stderr) = await SandboxProcess.RunToExitAsync(TimeSpan.FromSeconds(30), "--request-log-limit", bad);
            Assert.Equal(2, exitCode);
            Assert.Contains("--request-log-limit", stderr);
        }
    }

    [Theory]
    [InlineData("2h", 400)]
    [InlineData("61m", 400)]
    [InlineData("3601s", 400)]
    [InlineData("1h", 200)]
    [InlineData("60m", 200)]
    public async Task ScrollLifetimeIsAtMostOneHour(string expire, int status)
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_expire=" + expire);
        if (status == 400) Expect.Error(r, 400, "ProductFormatException", "at most 1h");
        else Assert.True(r.StatusCode == 200, r.ToString());
    }

    [Fact]
    public async Task OpeningMoreThan500ScrollsDropsTheOneClosestToExpiry()
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        await sandbox.CreateAsync(new { forename = "Bob" });
        var ids = new List<string>();
        for (var i = 0; i < 501; i++)
        {
            var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_expire=5m&count=1");
            Assert.True(r.StatusCode == 200, r.ToString());
            ids.Add(r.Json.GetProperty("scroll_id").GetString()!);
        }
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_id=" + ids[0]), 404, "ProductNotFoundException");
        var second = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_id=" + ids[1]);
        Assert.True(second.StatusCode == 200, second.ToString());
        // Re-sending an id hands out the same next id: retries add no scroll state.
        var again = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_id=" + ids[1]);
        Assert.Equal(second.Json.GetProperty("scroll_id").GetString(), again.Json.GetProperty("scroll_id").GetString());
        Assert.True((await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_id=" + ids[500])).StatusCode == 200);
    }

    [Fact]
    public async Task AtMost100FaultsAtATime()
    {
        for (var i = 0; i < 100; i++)
        {
            await sandbox.AddFaultAsync(new { status = 503, pathPrefix = "/api/v2/General/" + i });
        }
        var refused = await sandbox.ControlAsync(HttpMethod.Post, "/faults", new { status = 503 });
        Expect.Error(refused, 400, "ProductFormatException", "too many faults");
        var faults = (await sandbox.ControlAsync(HttpMethod.Get, "/faults")).Json;
        Assert.Equal(100, faults.GetArrayLength());
        var first = faults[0].GetProperty("id").GetInt32();
        Assert.Equal(200, (await sandbox.ControlAsync(HttpMethod.Delete, "/faults/" + first)).StatusCode);
        await sandbox.AddFaultAsync(new { status = 503, pathPrefix = "/api/v2/General/again" });
    }
}
