using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>GET /Payment/Customers: count, offset, sort, fields, validate (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public sealed class ListTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string[]> CreateMany(int n)
    {
        var ids = new string[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = (await sandbox.CreateAsync(new { forename = "F" + i, surname = "S" + i })).GetProperty("id").GetString()!;
        }
        return ids;
    }

    [Fact]
    public async Task DefaultPageIs20InCreationOrder()
    {
        var ids = await CreateMany(25);
        var list = await sandbox.ListAsync();
        Assert.Equal(25, list.GetProperty("count").GetInt32());
        Assert.Equal(ids.Take(20), Expect.Ids(list));
        Assert.False(list.TryGetProperty("scroll_id", out _));
        foreach (var c in list.GetProperty("data").EnumerateArray()) Expect.CustomerRecord(c);
    }

    [Fact]
    public async Task CountAndOffsetPage()
    {
        var ids = await CreateMany(7);
        Assert.Equal(ids.Skip(2).Take(3), Expect.Ids(await sandbox.ListAsync("?count=3&offset=2")));
        Assert.Equal(ids.Skip(5), Expect.Ids(await sandbox.ListAsync("?offset=5")));
        Assert.Equal(ids, Expect.Ids(await sandbox.ListAsync("?count=1000")));
        var big = await sandbox.ListAsync("?count=5000");
        Assert.Equal(ids, Expect.Ids(big));
        Assert.Equal(7, big.GetProperty("count").GetInt32());

        var none = await sandbox.ListAsync("?count=0");
        Assert.Equal(7, none.GetProperty("count").GetInt32());
        Assert.Equal(0, none.GetProperty("data").GetArrayLength());

        foreach (var past in new[] { "?offset=7", "?offset=100&count=5" })
        {
            var r = await sandbox.ListAsync(past);
            Assert.Equal(7, r.GetProperty("count").GetInt32());
            Assert.Equal(0, r.GetProperty("data").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("count=-1")]
    [InlineData("count=abc")]
    [InlineData("count=1.5")]
    [InlineData("offset=-1")]
    [InlineData("offset=x")]
    [InlineData("offset=2.0")]
    public async Task NegativeOrNonIntegerPagingIs400(string query)
    {
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?" + query);
        Expect.Error(r, 400, "ProductFormatException");
        Contract.AssertResponse("/Payment/Customers", "get", r);
    }

    private async Task<Dictionary<string, string>> SeedSortable()
    {
        var people = new object[]
        {
            new { forename = "Ada", surname = "lovelace", address = new { country = "GB" } },
            new { forename = "Alan", surname = "Turing", address = new { country = "GB" } },
            new { companyname = "No Surname Ltd", address = new { country = "DE" } },
            new { forename = "Konrad", surname = "Zuse", address = new { country = "DE" } },
            new { forename = "Emmy", surname = "noether", address = new { country = "DE" } },
            new { forename = "Grace", surname = "Hopper" },
        };
        var byName = new Dictionary<string, string>();
        foreach (var p in people)
        {
            var c = await sandbox.CreateAsync(p);
            byName[Expect.At(c, "contact.name") ?? Expect.At(c, "contact.companyname")!] = c.GetProperty("id").GetString()!;
        }
        return byName;
    }

    private async Task<string[]> SortedNames(string sort)
    {
        var list = await sandbox.ListAsync("?sort=" + Uri.EscapeDataString(sort));
        Assert.Equal(6, list.GetProperty("count").GetInt32());
        return list.GetProperty("data").EnumerateArray()
            .Select(c => Expect.At(c, "contact.name") ?? Expect.At(c, "contact.companyname")!).ToArray();
    }

    [Fact]
    public async Task SortAscendingIsCaseInsensitiveWithMissingLast()
    {
        await SeedSortable();
        Assert.Equal(
            new[] { "Grace Hopper", "Ada lovelace", "Emmy noether", "Alan Turing", "Konrad Zuse", "No Surname Ltd" },
            await SortedNames("contact.surname:asc"));
    }

    [Theory]
    [InlineData("desc")]
    [InlineData("dsc")]
    public async Task SortDescendingKeepsMissingLast(string order)
    {
        await SeedSortable();
        Assert.Equal(
            new[] { "Konrad Zuse", "Alan Turing", "Emmy noether", "Ada lovelace", "Grace Hopper", "No Surname Ltd" },
            await SortedNames("contact.surname:" + order));
    }

    [Fact]
    public async Task SortBySeveralKeys()
    {
        await SeedSortable();
        // Country descending (GB, DE, then the one without an address), then surname ascending.
        Assert.Equal(
            new[] { "Ada lovelace", "Alan Turing", "Emmy noether", "Konrad Zuse", "No Surname Ltd", "Grace Hopper" },
            await SortedNames("contact.address.country:desc,contact.surname:asc"));
    }

    [Fact]
    public async Task SortAppliesBeforePaging()
    {
        await SeedSortable();
        var page = await sandbox.ListAsync("?sort=contact.forename:asc&count=2&offset=1");
        Assert.Equal(new[] { "Alan Turing", "Emmy noether" }, page.GetProperty("data").EnumerateArray().Select(c => Expect.At(c, "contact.name")));
    }

    [Theory]
    [InlineData("contact.surname:up")]
    [InlineData("contact.surname:asc,created:sideways")]
    public async Task BadSortOrderIs400(string sort)
    {
        await SeedSortable();
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?sort=" + Uri.EscapeDataString(sort));
        Expect.Error(r, 400, "ProductFormatException");
    }

    [Fact]
    public async Task FieldsProjectsNestedPathsPlusObjectAndId()
    {
        var ids = await SeedSortable();
        var list = await sandbox.ListAsync("?fields=" + Uri.EscapeDataString("contact.surname,contact.address.country"));
        Assert.Equal(6, list.GetProperty("count").GetInt32());
        foreach (var c in list.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(new[] { "contact", "id", "object" }, c.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("payment.customers", c.GetProperty("object").GetString());
            Assert.Contains(c.GetProperty("id").GetString(), ids.Values);
            var contact = c.GetProperty("contact");
            Assert.All(contact.EnumerateObject(), p => Assert.Contains(p.Name, new[] { "surname", "address" }));
            if (contact.TryGetProperty("address", out var address))
            {
                Assert.Equal(new[] { "country" }, address.EnumerateObject().Select(p => p.Name));
            }
        }
        var ada = list.GetProperty("data").EnumerateArray().Single(c => c.GetProperty("id").GetString() == ids["Ada lovelace"]);
        Assert.Equal("lovelace", Expect.At(ada, "contact.surname"));
        Assert.Equal("GB", Expect.At(ada, "contact.address.country"));
    }

    [Fact]
    public async Task FieldsIgnoresUnknownPathsWithoutStrict()
    {
        // The default, lenient sandbox; strict answers 400 (StrictModeTests).
        await using var lenient = await SandboxProcess.StartLenientAsync();
        foreach (var name in new[] { "Ada", "Bob" }) Assert.Equal(200, (await lenient.ApiAsync(HttpMethod.Post, "/Payment/Customers", new { contact = new { forename = name } })).StatusCode);
        var list = await lenient.ListAsync("?fields=" + Uri.EscapeDataString("no.such.path,nothing"));
        Assert.Equal(2, list.GetProperty("data").GetArrayLength());
        foreach (var c in list.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(new[] { "id", "object" }, c.EnumerateObject().Select(p => p.Name).Order());
        }
    }

    [Fact]
    public async Task FieldsWithAWholeObjectKeepsIt()
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada", surname = "Lovelace", address = new { city = "London" } });
        var list = await sandbox.ListAsync("?fields=contact,created");
        var item = list.GetProperty("data")[0];
        Assert.Equal(c.GetProperty("contact").GetRawText(), item.GetProperty("contact").GetRawText());
        Assert.Equal(c.GetProperty("created").GetString(), item.GetProperty("created").GetString());
        Assert.False(item.TryGetProperty("contract", out _));
    }

    [Theory]
    [InlineData("contact.surname:Zuse", "true")]
    [InlineData("(contact.surname:Zuse", "false")]
    [InlineData("contact.surname:Zuse AND", "false")]
    public async Task ValidateAnswersTheSyntaxCheck(string q, string expected)
    {
        await SeedSortable();
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?validate=1&q=" + Uri.EscapeDataString(q));
        Assert.True(r.StatusCode == 200, r.ToString());
        Contract.AssertResponse("/Payment/Customers", "get", r);
        Assert.Equal(expected == "true", r.Json.GetProperty("result").GetBoolean());
    }

    [Fact]
    public async Task ExpandMetaPresetAndAggregateAreAcceptedAndIgnored()
    {
        var ids = await CreateMany(3);
        var list = await sandbox.ListAsync("?expand=all&meta=1&preset=x&aggregate=" + Uri.EscapeDataString("{\"group_by_prop\":\"contact.surname\"}"));
        Assert.Equal(3, list.GetProperty("count").GetInt32());
        Assert.Equal(ids, Expect.Ids(list));
    }

    [Fact]
    public async Task EveryStoredCustomerSatisfiesTheRequiredList()
    {
        await SeedSortable();
        var list = await sandbox.ListAsync("?count=1000");
        var required = Contract.RequiredOf("PaymentCustomersProductModel");
        Assert.Equal(new[] { "contact", "created", "id", "object" }, required.Order());
        foreach (var c in list.GetProperty("data").EnumerateArray())
        {
            Expect.CustomerRecord(c);
        }
    }

    [Fact]
    public async Task CountAbove1000IsServedAs1000()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, 1001), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var r = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", new { contact = new { forename = "N" + i } });
            Assert.True(r.StatusCode == 200, r.ToString());
        });
        var big = await sandbox.ListAsync("?count=5000&fields=contact.forename");
        Assert.Equal(1001, big.GetProperty("count").GetInt32());
        Assert.Equal(1000, big.GetProperty("data").GetArrayLength());
        var rest = await sandbox.ListAsync("?count=1000&offset=1000&fields=contact.forename");
        Assert.Equal(1, rest.GetProperty("data").GetArrayLength());
        Assert.DoesNotContain(Expect.Ids(rest)[0], Expect.Ids(big));
    }
}
