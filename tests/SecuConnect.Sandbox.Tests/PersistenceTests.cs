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
    public async Task ASecondSandboxOnTheSameDataFileIsRefused()
    {
        var file = Path.Combine(_directory, "customers.db");
        await using var first = await SandboxProcess.StartAsync("--data", file);
        var ada = (await first.CreateAsync(new { forename = "Ada" })).GetProperty("id").GetString()!;

        var spellings = new List<string> { file, Path.Combine(_directory, "sub", "..", "customers.db") };
        if (!OperatingSystem.IsWindows())
        {
            var link = Path.Combine(_directory, "link.db");
            File.CreateSymbolicLink(link, file);
            var folderLink = Path.Combine(_directory, "folder-link");
            Directory.CreateSymbolicLink(folderLink, _directory);
            spellings.Add(link);
            spellings.Add(Path.Combine(folderLink, "customers.db"));
        }
        foreach (var spelling in spellings)
        {
            var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(
                TimeSpan.FromSeconds(30), "--urls", "http://127.0.0.1:0", "--data", spelling);
            Assert.True(exitCode == 2, $"--data {spelling}: exit code {exitCode}, stderr: {stderr}");
            Assert.DoesNotContain("Now listening", stdout);
            Assert.Contains($"the data file '{Path.GetFullPath(spelling)}' is in use by another sandbox", stderr);
        }

        // The first one goes on as if nothing happened.
        Assert.Equal("Ada", (await first.GetCustomerAsync(ada)).GetProperty("contact").GetProperty("forename").GetString());
        var grace = (await first.CreateAsync(new { forename = "Grace" })).GetProperty("id").GetString();
        Assert.Equal(new[] { ada, grace }, Expect.Ids(await first.ListAsync()));
    }

    [Fact]
    public async Task AKilledSandboxDoesNotBlockTheNextStart()
    {
        var file = Path.Combine(_directory, "customers.db");
        string ada;
        await using (var crashed = await SandboxProcess.StartAsync("--data", file))
        {
            ada = (await crashed.CreateAsync(new { forename = "Ada" })).GetProperty("id").GetString()!;
            // Disposing kills the process (SIGKILL on Unix): no shutdown code runs, as in a crash.
        }

        await using var next = await SandboxProcess.StartAsync("--data", file);
        Assert.Equal(new[] { ada }, Expect.Ids(await next.ListAsync()));
        var grace = (await next.CreateAsync(new { forename = "Grace" })).GetProperty("id").GetString();
        Assert.Equal(new[] { ada, grace }, Expect.Ids(await next.ListAsync()));
    }

    [Fact]
    public async Task AWriteToACustomerGoneFromTheFileAnswers404()
    {
        var file = Path.Combine(_directory, "customers.db");
        string kept, updated, deleted;
        await using (var sandbox = await SandboxProcess.StartAsync("--data", file))
        {
            kept = (await sandbox.CreateAsync(new { forename = "Ada" })).GetProperty("id").GetString()!;
            updated = (await sandbox.CreateAsync(new { forename = "Alan" })).GetProperty("id").GetString()!;
            deleted = (await sandbox.CreateAsync(new { forename = "Grace" })).GetProperty("id").GetString()!;

            // Another program removes two rows behind the sandbox's back.
            using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
            {
                db.Open();
                using var cmd = db.CreateCommand();
                cmd.CommandText = "DELETE FROM customers WHERE id IN ($a, $b)";
                cmd.Parameters.AddWithValue("$a", updated);
                cmd.Parameters.AddWithValue("$b", deleted);
                Assert.Equal(2, cmd.ExecuteNonQuery());
            }

            // Neither write is acknowledged: the record is not there to change.
            Expect.Error(await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + updated, new { contact = new { forename = "Alan", surname = "Turing" } }),
                404, "ProductNotFoundException", updated);
            Expect.Error(await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + deleted), 404, "ProductNotFoundException", deleted);
            // And the sandbox stops showing them.
            Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers/" + updated), 404, "ProductNotFoundException");
            Assert.Equal(new[] { kept }, Expect.Ids(await sandbox.ListAsync()));
        }

        await using var restarted = await SandboxProcess.StartAsync("--data", file);
        Assert.Equal(new[] { kept }, Expect.Ids(await restarted.ListAsync()));
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
