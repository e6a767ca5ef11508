using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>--data FILE keeps customers across a restart.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("secu-sandbox-data-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a late file handle; the OS temp cleaner takes it */ }
    }

    [Fact]
    public async Task CustomersSurviveARestart()
    {
        var file = Path.Combine(_directory, "customers.db");
        string keptId, deletedId, updatedId;
        string kept, updated;
        await using (var first = await SandboxProcess.StartAsync("--data", file))
        {
            var k = await first.CreateAsync(new { forename = "Ada", surname = "Lovelace", dob = "1815-12-10", address = new { city = "London" } });
            var d = await first.CreateAsync(new { forename = "Gone" });
            var u = await first.CreateAsync(new { forename = "Alan" });
            keptId = k.GetProperty("id").GetString()!;
            deletedId = d.GetProperty("id").GetString()!;
            updatedId = u.GetProperty("id").GetString()!;
            var put = await first.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + updatedId, new { contact = new { forename = "Alan", surname = "Turing" } });
            Assert.True(put.StatusCode == 200, put.ToString());
            updated = put.Json.GetRawText();
            Assert.Equal(200, (await first.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + deletedId)).StatusCode);
            kept = k.GetRawText();
        }

        Assert.True(File.Exists(file), "--data created no file");

        await using var second = await SandboxProcess.StartAsync("--data", file);
        Assert.Equal(kept, (await second.GetCustomerAsync(keptId)).GetRawText());
        Assert.Equal(updated, (await second.GetCustomerAsync(updatedId)).GetRawText());
        Expect.Error(await second.ApiAsync(HttpMethod.Get, "/Payment/Customers/" + deletedId), 404, "ProductNotFoundException");
        var list = await second.ListAsync();
        Assert.Equal(new[] { keptId, updatedId }, Expect.Ids(list));

        // The restarted store keeps taking writes, in parallel too, and they persist.
        var more = await second.CreateAsync(new { forename = "Grace" });
        Assert.Equal(new[] { keptId, updatedId, more.GetProperty("id").GetString() }, Expect.Ids(await second.ListAsync()));
        var parallelIds = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var r = await second.ApiAsync(HttpMethod.Post, "/Payment/Customers", new { contact = new { forename = "P" + i } });
            Assert.True(r.StatusCode == 200, r.ToString());
            parallelIds.Add(r.Json.GetProperty("id").GetString()!);
        });
        var expected = Expect.Ids(await second.ListAsync("?count=1000"));
        Assert.Equal(43, expected.Length);
        await second.DisposeAsync();

        await using var third = await SandboxProcess.StartAsync("--data", file);
        Assert.Equal(expected, Expect.Ids(await third.ListAsync("?count=1000")));
        Assert.Equal(parallelIds.Order(), expected.Skip(3).Order());
    }

    [Fact]
    public async Task WithoutDataTheStoreStartsEmpty()
    {
        await using (var first = await SandboxProcess.StartAsync())
        {
            await first.CreateAsync(new { forename = "Ada" });
        }
        await using var second = await SandboxProcess.StartAsync();
        Assert.Equal(0, (await second.ListAsync()).GetProperty("count").GetInt32());
    }
}
