using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Scroll search: scroll_expire opens a snapshot, scroll_id walks it (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public sealed class ScrollTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string[]> CreateMany(int n, Func<int, object>? contact = null)
    {
        var ids = new string[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = (await sandbox.CreateAsync(contact?.Invoke(i) ?? new { forename = "F" + i })).GetProperty("id").GetString()!;
        }
        return ids;
    }

    private static string ScrollId(JsonElement answer)
    {
        Assert.True(answer.TryGetProperty("scroll_id", out var s), $"no scroll_id in {answer}");
        Assert.False(string.IsNullOrEmpty(s.GetString()));
        return s.GetString()!;
    }

    private Task<JsonElement> Next(string scrollId, bool projected = false) =>
        sandbox.ListAsync("?scroll_id=" + Uri.EscapeDataString(scrollId) + (projected ? "&fields=" : ""));

    [Fact]
    public async Task ScrollWalksEveryRecordThenEndsWithEmptyData()
    {
        var ids = await CreateMany(5);
        var first = await sandbox.ListAsync("?scroll_expire=5m&count=2");
        Assert.Equal(5, first.GetProperty("count").GetInt32());
        Assert.Equal(ids[..2], Expect.Ids(first));
        var s1 = ScrollId(first);

        var second = await Next(s1);
        Assert.False(second.TryGetProperty("count", out _), "answers to scroll_id calls omit count");
        Assert.Equal(ids[2..4], Expect.Ids(second));
        var s2 = ScrollId(second);

        var third = await Next(s2);
        Assert.Equal(ids[4..], Expect.Ids(third));
        var s3 = ScrollId(third);

        var end = await Next(s3);
        Assert.Equal(0, end.GetProperty("data").GetArrayLength());
        foreach (var c in second.GetProperty("data").EnumerateArray().Concat(third.GetProperty("data").EnumerateArray()))
        {
            Expect.CustomerRecord(c);
        }
    }

    [Fact]
    public async Task ResendingAScrollIdReturnsTheSameBatch()
    {
        var ids = await CreateMany(6);
        var s1 = ScrollId(await sandbox.ListAsync("?scroll_expire=1m&count=2"));
        var once = await Next(s1);
        var again = await Next(s1);
        Assert.Equal(ids[2..4], Expect.Ids(once));
        Assert.Equal(Expect.Ids(once), Expect.Ids(again));
        // Both copies lead on to the same next batch.
        Assert.Equal(ids[4..6], Expect.Ids(await Next(ScrollId(again))));
        Assert.Equal(ids[4..6], Expect.Ids(await Next(ScrollId(once))));
    }

    [Fact]
    public async Task ScrollKeepsQuerySortFieldsAndPageSize()
    {
        await CreateMany(7, i => new { forename = "F" + i, surname = "S" + (9 - i), address = new { country = i % 2 == 0 ? "DE" : "GB" } });
        var q = Uri.EscapeDataString("contact.address.country:DE");
        var first = await sandbox.ListAsync($"?scroll_expire=30s&count=3&q={q}&sort=contact.surname:asc&fields=contact.surname");
        Assert.Equal(4, first.GetProperty("count").GetInt32());
        var surnames = new List<string?>();
        var page = first;
        var pages = 0;
        while (page.GetProperty("data").GetArrayLength() > 0)
        {
            Assert.True(++pages <= 3, "the scroll does not end");
            Assert.True(page.GetProperty("data").GetArrayLength() <= 3);
            foreach (var c in page.GetProperty("data").EnumerateArray())
            {
                Assert.Equal(new[] { "contact", "id", "object" }, c.EnumerateObject().Select(p => p.Name).Order());
                surnames.Add(Expect.At(c, "contact.surname"));
            }
            page = await Next(ScrollId(page), projected: true);
        }
        // Countries DE are i = 0, 2, 4, 6: surnames S9, S7, S5, S3, sorted ascending.
        Assert.Equal(new[] { "S3", "S5", "S7", "S9" }, surnames);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task SnapshotStaysStableWhileItsRecordsAreDeleted()
    {
        var ids = await CreateMany(6);
        var first = await sandbox.ListAsync("?scroll_expire=5m&count=2");
        var seen = new List<string>(Expect.Ids(first));
        var batch = Expect.Ids(first);
        var scroll = ScrollId(first);
        // Delete each batch once it has arrived, as Get | Remove does: later batches must not shift.
        while (true)
        {
            foreach (var id in batch)
            {
                var r = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + id);
                Assert.True(r.StatusCode == 200, r.ToString());
            }
            var page = await Next(scroll);
            batch = Expect.Ids(page);
            if (batch.Length == 0) break;
            seen.AddRange(batch);
            Assert.True(seen.Count <= 6, "the scroll returned more than its snapshot");
            scroll = ScrollId(page);
        }
        Assert.Equal(ids, seen);
        Assert.Equal(0, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task RecordDeletedAheadOfTheScrollIsSkippedOrReturnedAsItWas()
    {
        var ids = await CreateMany(6);
        var first = await sandbox.ListAsync("?scroll_expire=5m&count=2");
        var seen = new List<string>(Expect.Ids(first));
        var deleted = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + ids[4]);
        Assert.True(deleted.StatusCode == 200, deleted.ToString());
        var scroll = ScrollId(first);
        for (var page = await Next(scroll); page.GetProperty("data").GetArrayLength() > 0; page = await Next(scroll))
        {
            seen.AddRange(Expect.Ids(page));
            Assert.True(seen.Count <= 6, "the scroll returned more than its snapshot");
            scroll = ScrollId(page);
        }
        // Either choice of the contract copy (tests/Contract/payment-customers.openapi.json) is allowed; nothing else may go missing.
        Assert.True(seen.SequenceEqual(ids) || seen.SequenceEqual(ids.Where(id => id != ids[4])), string.Join(",", seen));
    }

    [Fact]
    public async Task UnknownScrollIdIsNotFound()
    {
        await CreateMany(1);
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_id=does-not-exist-0000");
        Expect.Error(r, 404, "ProductNotFoundException");
    }

    [Fact]
    public async Task ResetForgetsOpenScrolls()
    {
        await CreateMany(3);
        var s = ScrollId(await sandbox.ListAsync("?scroll_expire=5m&count=1"));
        await sandbox.ResetAsync();
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_id=" + Uri.EscapeDataString(s)), 404, "ProductNotFoundException");
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("m5")]
    [InlineData("abc")]
    [InlineData("5")]
    [InlineData("-5m")]
    public async Task MalformedScrollExpireIs400(string expire)
    {
        await CreateMany(1);
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_expire=" + Uri.EscapeDataString(expire));
        Expect.Error(r, 400, "ProductFormatException");
    }

    [Fact]
    public async Task ScrollExpiresWhenNotUsedWithinItsLifetime()
    {
        await CreateMany(3);
        var s = ScrollId(await sandbox.ListAsync("?scroll_expire=1s&count=1"));
        // Letting the lifetime pass is the behaviour under test; every later call would renew it.
        await Task.Delay(TimeSpan.FromMilliseconds(2100));
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_id=" + Uri.EscapeDataString(s)), 404, "ProductNotFoundException");
    }

    [Fact]
    public async Task EachCallRenewsTheScroll()
    {
        var ids = await CreateMany(4);
        var page = await sandbox.ListAsync("?scroll_expire=4s&count=1");
        var seen = new List<string>(Expect.Ids(page));
        for (var i = 0; i < 3; i++)
        {
            // 3 x 1.5 s outlasts one 4 s lifetime, so only renewal keeps the scroll alive.
            await Task.Delay(TimeSpan.FromMilliseconds(1500));
            page = await Next(ScrollId(page));
            seen.AddRange(Expect.Ids(page));
        }
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ScrollWithoutCountUsesTheDefaultPageSize()
    {
        var ids = await CreateMany(25);
        var first = await sandbox.ListAsync("?scroll_expire=1m");
        Assert.Equal(25, first.GetProperty("count").GetInt32());
        Assert.Equal(ids[..20], Expect.Ids(first));
        var second = await Next(ScrollId(first));
        Assert.Equal(ids[20..], Expect.Ids(second));
        Assert.Equal(0, (await Next(ScrollId(second))).GetProperty("data").GetArrayLength());
    }
}
