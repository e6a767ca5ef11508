using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>The q search syntax (the contract copy, tests/Contract/payment-customers.openapi.json), over one fixed set of customers.</summary>
public sealed class QueryTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private static readonly object[] People =
    [
        new { forename = "Ada", surname = "Lovelace", email = "ada@example.com", dob = "1815-12-10", address = new { city = "London", country = "GB", postal_code = "01234" } },
        new { forename = "alan", surname = "Turing", dob = "1912-06-23", address = new { city = "Wilmslow", country = "GB", postal_code = "SK9" } },
        new { forename = "Grace", surname = "Hopper", dob = "1906-12-09", address = new { city = "New York", country = "US", postal_code = "10001" } },
        new { forename = "Konrad", surname = "Zuse", dob = "1910-06-22", address = new { city = "Berlin", country = "DE", postal_code = "10115" } },
        new { forename = "Emmy", surname = "Noether", dob = "1882-03-23", address = new { city = "Erlangen", country = "DE", postal_code = "91052" } },
        new { companyname = "Example Inc.", email = "example123@example.com", surname = "DOE" },
    ];

    private static readonly string[] Keys = ["Ada", "alan", "Grace", "Konrad", "Emmy", "DOE"];

    private readonly Dictionary<string, string> _idOf = new();

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        for (var i = 0; i < People.Length; i++)
        {
            _idOf[(await sandbox.CreateAsync(People[i])).GetProperty("id").GetString()!] = Keys[i];
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("contact.surname:Lovelace", "Ada")]
    [InlineData("contact.surname:lovelace", "Ada")]
    [InlineData("contact.surname:LOVELACE", "Ada")]
    [InlineData("contact.surname:lOvElAcE", "Ada")]
    [InlineData("contact.address.city:berlin", "Konrad")]
    [InlineData("contact.surname:Lo*", "Ada")]
    [InlineData("contact.surname:*er", "Grace,Emmy")]
    [InlineData("contact.surname:*", "Ada,alan,Grace,Konrad,Emmy,DOE")]
    [InlineData("contact.surname:Z?se", "Konrad")]
    [InlineData("contact.surname:Z?e", "")]
    [InlineData("contact.surname:Zu", "")]
    [InlineData("contact.address.postal_code:[10000 TO 20000]", "Grace,Konrad")]
    [InlineData("contact.dob:[1900-01-01 TO 1911-12-31]", "Grace,Konrad")]
    [InlineData("contact.address.postal_code:[9 TO 20000]", "Ada,Grace,Konrad")]
    [InlineData("contact.surname:[A TO L]", "Grace,DOE")]
    [InlineData("contact.email:*@example.com", "Ada,DOE")]
    [InlineData("contact.address.city:*o*", "Ada,alan,Grace")]
    [InlineData("contact.address.city:\"New York\"", "Grace")]
    [InlineData("contact.address.city:\"new york\"", "Grace")]
    [InlineData("contact.email:ada@example.com", "Ada")]
    [InlineData("contact.email:example123@example.com AND contact.surname:DOE", "DOE")]
    [InlineData("contact.companyname:\"Example Inc.\"", "DOE")]
    [InlineData("contact.address.country:DE AND contact.surname:Zuse", "Konrad")]
    [InlineData("contact.surname:Zuse OR contact.surname:Hopper", "Grace,Konrad")]
    [InlineData("contact.address.country:DE AND NOT contact.surname:Zuse", "Emmy")]
    [InlineData("NOT contact.address.country:GB", "Grace,Konrad,Emmy,DOE")]
    [InlineData("(NOT contact.surname:meier*) AND (contact.address.city:Berlin OR contact.address.city:Erlangen)", "Konrad,Emmy")]
    [InlineData("(contact.address.country:GB OR contact.address.country:US) AND contact.dob:[1900-01-01 TO 1999-12-31]", "alan,Grace")]
    [InlineData("contact.address.country:GB contact.forename:alan", "alan")]
    [InlineData("contact.nickname:Ada", "")]
    [InlineData("foo:bar", "")]
    public async Task QueryMatches(string q, string expected)
    {
        var list = await sandbox.ListAsync("?count=100&q=" + Uri.EscapeDataString(q));
        var names = Expect.Ids(list).Select(id => _idOf[id]).ToArray();
        var want = expected.Length == 0 ? [] : expected.Split(',');
        // Matches keep the default order (creation order).
        Assert.Equal(want, names);
        Assert.Equal(want.Length, list.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task QueryCombinesWithSortFieldsAndPaging()
    {
        var q = Uri.EscapeDataString("contact.address.country:DE OR contact.address.country:GB");
        var list = await sandbox.ListAsync($"?q={q}&sort=contact.surname:desc&count=2&offset=1&fields=contact.surname");
        Assert.Equal(4, list.GetProperty("count").GetInt32());
        Assert.Equal(new[] { "Turing", "Noether" }, list.GetProperty("data").EnumerateArray().Select(c => Expect.At(c, "contact.surname")));
    }

    [Theory]
    [InlineData("(contact.surname:Zuse")]
    [InlineData("contact.surname:Zuse)")]
    [InlineData("contact.surname:Zuse AND")]
    [InlineData("OR contact.surname:Zuse")]
    [InlineData("contact.surname:[A TO")]
    [InlineData("contact.address.city:\"New York")]
    [InlineData("contact.surname:Zuse AND AND contact.forename:Konrad")]
    public async Task SyntaxErrorIs400(string q)
    {
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?q=" + Uri.EscapeDataString(q));
        Expect.Error(r, 400, "ProductFormatException");
        Contract.AssertResponse("/Payment/Customers", "get", r);
    }
}
