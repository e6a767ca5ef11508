using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Listing containers: the customers' list parameters, q grammar and scroll search on container paths.</summary>
public sealed class ContainerListTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private readonly List<string> _ids = [];

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        foreach (var (iban, owner, bic) in new[]
        {
            ("DE89370400440532013000", "Ada Lovelace", null), ("DK5750510001322617", "Niels Bohr", "JYBADKKK"), ("FI9814283500171141", "Tove Jansson", "NDEAFIHH"),
            ("AT611904300234573201", "Lise Meitner", null), ("EE342200221034126658", "Ada Byron", "HABAEE2X"),
        })
            _ids.Add((await sandbox.CreateBankAccountAsync(iban, owner, bic)).GetProperty("id").GetString()!);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CountAndOffsetPageInCreationOrder()
    {
        var page = await sandbox.ListContainersAsync("?count=2&offset=1");
        Assert.Equal(5, page.GetProperty("count").GetInt32());
        Assert.Equal(_ids.Skip(1).Take(2), Expect.Ids(page));
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Containers?count=-1"), 400, "ProductFormatException", "invalid count");
    }

    [Theory]
    [InlineData("private.owner:ada*", new[] { 0, 4 })]
    [InlineData("private.owner:\"ada lovelace\"", new[] { 0 })]
    [InlineData("private.owner:Ada%20Byron", new[] { 4 })]
    [InlineData("public.iban:DK* OR public.iban:FI*", new[] { 1, 2 })]
    [InlineData("NOT private.owner:ada* AND type:bank_account", new[] { 1, 2, 3 })]
    [InlineData("mandate.bic:?????KKK", new[] { 1 })]
    [InlineData("private.bankname:(Nordea* OR Jyske*)", new[] { 1, 2 })]
    public async Task QueryUsesTheCustomersGrammar(string q, int[] expected)
    {
        var list = await sandbox.ListContainersAsync("?q=" + Uri.EscapeDataString(q));
        Assert.Equal(expected.Select(i => _ids[i]), Expect.Ids(list));
    }

    [Fact]
    public async Task AMalformedQueryIsA400AndValidateAnswersIt()
    {
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Containers?q=" + Uri.EscapeDataString("(private.owner:ada")), 400, "ProductFormatException", "invalid q");
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Containers?validate=1&q=" + Uri.EscapeDataString("(private.owner:ada"));
        Assert.False(r.Json.GetProperty("result").GetBoolean());
    }

    [Fact]
    public async Task SortAndFieldsWorkOnContainerPaths()
    {
        var list = await sandbox.ListContainersAsync("?sort=private.owner:desc&fields=private.owner,mandate");
        Assert.Equal(new[] { 2, 1, 3, 0, 4 }.Select(i => _ids[i]), Expect.Ids(list));
        var first = list.GetProperty("data")[0];
        Assert.Equal(new[] { "object", "id", "private", "mandate" }, first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "owner" }, first.GetProperty("private").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task StrictRefusesUnknownSortAndFieldPaths()
    {
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Containers?sort=private.pin:asc"), 400, "ProductFormatException", "unknown field 'private.pin'");
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Containers?fields=contact.surname"), 400, "ProductFormatException", "unknown field 'contact.surname'");
        await sandbox.ListContainersAsync("?fields=customer.contact.surname,public");
    }

    [Fact]
    public async Task ScrollingHandsOutEveryContainerOnce()
    {
        var first = await sandbox.ListContainersAsync("?count=2&scroll_expire=1m");
        Assert.Equal(5, first.GetProperty("count").GetInt32());
        var seen = new List<string>(Expect.Ids(first));
        string scrollId = first.GetProperty("scroll_id").GetString()!;
        // Deleted meanwhile, still handed out as it was: the scroll is a snapshot.
        Assert.Equal(200, (await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + _ids[4])).StatusCode);
        while (true)
        {
            var next = await sandbox.ListContainersAsync("?scroll_id=" + scrollId);
            var ids = Expect.Ids(next);
            if (ids.Length == 0) break;
            seen.AddRange(ids);
            scrollId = next.GetProperty("scroll_id").GetString()!;
        }
        Assert.Equal(_ids, seen);
    }

    [Fact]
    public async Task AScrollOfCustomersIsNotOneOfContainers()
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        var customers = await sandbox.ListAsync("?count=1&scroll_expire=1m");
        string scrollId = customers.GetProperty("scroll_id").GetString()!;
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Containers?scroll_id=" + scrollId), 404, "ProductNotFoundException", "scroll_id");
        Assert.Equal(200, (await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?scroll_id=" + scrollId)).StatusCode);
    }
}
