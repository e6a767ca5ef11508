using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>
/// q values are URL-decoded once more after the query syntax is parsed, as the live API decodes what the vendor's
/// PHP SDK sends (each value passed through urlencode: %XX, '+' for a space); encoded syntax characters are literal.
/// </summary>
public sealed class QueryDecodingTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private static readonly (string Key, object Contact)[] People =
    [
        ("john", new { forename = "John", email = "john@example.com", address = new { city = "München" } }),
        ("jean", new { forename = "Jean+Luc", title = "a:b" }),
        ("mary", new { forename = "Mary Ann", companyname = "100%" }),
        ("star", new { companyname = "Star*Corp" }),
        ("starx", new { companyname = "StarXCorp" }),
        ("acme", new { companyname = "ACME (EU)" }),
    ];

    private readonly Dictionary<string, string> _keyOf = new();

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        foreach (var (key, contact) in People)
        {
            _keyOf[(await sandbox.CreateAsync(contact)).GetProperty("id").GetString()!] = key;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("contact.email:john%40example.com", "john")]
    [InlineData("contact.email:john@example.com", "john")]
    [InlineData("contact.email:JOHN%40EXAMPLE.COM", "john")]
    [InlineData("contact.forename:Jean%2BLuc", "jean")]
    [InlineData("contact.forename:Jean+Luc", "")]
    [InlineData("contact.forename:Jean%2B*", "jean")]
    [InlineData("contact.forename:Mary+Ann", "mary")]
    [InlineData("contact.forename:Mary%20Ann", "mary")]
    [InlineData("contact.forename:\"Mary+Ann\"", "mary")]
    [InlineData("contact.forename:\"Jean%2BLuc\"", "jean")]
    [InlineData("contact.companyname:100%25", "mary")]
    [InlineData("contact.companyname:100%", "mary")]
    [InlineData("contact.title:a%3Ab", "jean")]
    [InlineData("contact.title:a:b", "jean")]
    [InlineData("contact.companyname:Star%2ACorp", "star")]
    [InlineData("contact.companyname:Star*Corp", "star,starx")]
    [InlineData("contact.companyname:ACME%20%28EU%29", "acme")]
    [InlineData("contact.address.city:M%C3%BCnchen", "john")]
    [InlineData("contact.forename:(Mary+Ann OR Jean%2BLuc)", "jean,mary")]
    [InlineData("contact.forename:[Jean%2BLuc TO Jean%2BLuc]", "jean")]
    public async Task ValuesAreDecodedOnceMore(string q, string expected)
    {
        var list = await sandbox.ListAsync("?count=100&q=" + Uri.EscapeDataString(q));
        var keys = Expect.Ids(list).Select(id => _keyOf[id]).ToArray();
        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), keys);
    }
}
