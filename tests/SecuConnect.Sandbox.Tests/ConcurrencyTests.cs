using System.Collections.Concurrent;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Parallel requests: no duplicate id, no lost update, no torn record.</summary>
public sealed class ConcurrencyTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private static readonly ParallelOptions SixteenAtATime = new() { MaxDegreeOfParallelism = 16 };

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        await sandbox.TokenAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ParallelCreatesGetUniqueIdsAndAllAreStored()
    {
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), SixteenAtATime, async (i, _) =>
        {
            var r = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", new { contact = new { forename = "P" + i } });
            Assert.True(r.StatusCode == 200, r.ToString());
            ids.Add(r.Json.GetProperty("id").GetString()!);
        });
        Assert.Equal(200, ids.Distinct().Count());

        var list = await sandbox.ListAsync("?count=1000");
        Assert.Equal(200, list.GetProperty("count").GetInt32());
        Assert.Equal(ids.Order(), Expect.Ids(list).Order());
        Assert.Equal(Enumerable.Range(0, 200).Select(i => "P" + i).Order(),
            list.GetProperty("data").EnumerateArray().Select(c => Expect.At(c, "contact.forename")!).Order());
    }

    [Fact]
    public async Task ParallelUpdatesOfDistinctCustomersAreAllApplied()
    {
        var ids = new string[50];
        for (var i = 0; i < ids.Length; i++) ids[i] = (await sandbox.CreateAsync(new { forename = "C" + i })).GetProperty("id").GetString()!;

        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), SixteenAtATime, async (i, _) =>
        {
            var r = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + ids[i], new { contact = new { forename = "C" + i, surname = "Updated" + i } });
            Assert.True(r.StatusCode == 200, r.ToString());
        });

        var list = await sandbox.ListAsync("?count=1000");
        Assert.Equal(ids, Expect.Ids(list));
        var data = list.GetProperty("data").EnumerateArray().ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal("C" + i + " Updated" + i, Expect.At(data[i], "contact.name"));
            Assert.NotNull(Expect.At(data[i], "updated"));
        }
    }

    [Fact]
    public async Task ParallelUpdatesOfOneCustomerLeaveOneWritersRecord()
    {
        var c = await sandbox.CreateAsync(new { forename = "Start" });
        var id = c.GetProperty("id").GetString()!;
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), SixteenAtATime, async (i, _) =>
        {
            var contact = i % 2 == 0
                ? (object)new { forename = "W" + i, surname = "S" + i, email = $"w{i}@example.com", address = new { city = "City" + i } }
                : new { forename = "W" + i, surname = "S" + i, phone = "+49" + i };
            var r = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, new { contact });
            Assert.True(r.StatusCode == 200, r.ToString());
        });

        var final = await sandbox.GetCustomerAsync(id);
        Expect.CustomerRecord(final);
        var writer = int.Parse(Expect.At(final, "contact.forename")![1..]);
        Assert.Equal("S" + writer, Expect.At(final, "contact.surname"));
        if (writer % 2 == 0)
        {
            Assert.Equal($"w{writer}@example.com", Expect.At(final, "contact.email"));
            Assert.Equal("City" + writer, Expect.At(final, "contact.address.city"));
            Assert.Null(Expect.At(final, "contact.phone"));
        }
        else
        {
            Assert.Equal("+49" + writer, Expect.At(final, "contact.phone"));
            Assert.Null(Expect.At(final, "contact.email"));
            Assert.Null(Expect.At(final, "contact.address"));
        }
        Assert.Equal(c.GetProperty("created").GetString(), final.GetProperty("created").GetString());
        Assert.Equal(1, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
    }
}
