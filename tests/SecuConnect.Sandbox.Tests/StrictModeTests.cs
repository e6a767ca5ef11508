using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>
/// --strict, as this repository's own test runs use it: what the contract leaves undefined is refused instead of
/// passed over, so a client that leans on the sandbox's leniency fails its tests. Off by default.
/// </summary>
public sealed class StrictModeTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private const string Ada = """{"contact":{"forename":"Ada","surname":"Lovelace"}}""";

    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ApiResponse> Send(SandboxProcess target, HttpMethod method, string path, string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType != null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = target.Request(method, "/api/v2" + path, content);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await target.TokenAsync());
        return await target.SendAsync(request);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/jsonx")]
    [InlineData(null)]
    public async Task ACustomerBodyThatIsNotJsonIs415AndStoresNothing(string? contentType)
    {
        Expect.Error(await Send(sandbox, HttpMethod.Post, "/Payment/Customers", Ada, contentType), 415, "ProductFormatException", "application/json");
        var c = await sandbox.CreateAsync(new { forename = "Grace" });
        string id = c.GetProperty("id").GetString()!;
        Expect.Error(await Send(sandbox, HttpMethod.Put, "/Payment/Customers/" + id, Ada, contentType), 415, "ProductFormatException");
        var list = await sandbox.ListAsync();
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        Assert.Equal("Grace", Expect.At(list.GetProperty("data")[0], "contact.forename"));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=UTF-8")]
    public async Task JsonBodiesAreAccepted(string contentType)
    {
        var r = await Send(sandbox, HttpMethod.Post, "/Payment/Customers", Ada, contentType);
        Assert.True(r.StatusCode == 200, r.ToString());
    }

    [Fact]
    public async Task TheTokenEndpointTakesJsonAndFormBodiesOnly()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoClient.Id, ["client_secret"] = DemoClient.Secret,
        });
        var r = await sandbox.SendAsync(sandbox.Request(HttpMethod.Post, "/oauth/token", form));
        Assert.True(r.StatusCode == 200, r.ToString());
        r = await sandbox.TokenAsync(new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret });
        Assert.True(r.StatusCode == 200, r.ToString());
        var plain = new StringContent($"grant_type=client_credentials&client_id={DemoClient.Id}&client_secret={DemoClient.Secret}", Encoding.UTF8, "text/plain");
        Expect.Error(await sandbox.SendAsync(sandbox.Request(HttpMethod.Post, "/oauth/token", plain)), 415, "ProductFormatException");
    }

    [Theory]
    [InlineData("sort=contact.nickname:asc", "nickname")]
    [InlineData("sort=contact.surname:asc,Contact.Forename:desc", "Contact.Forename")]
    [InlineData("sort=surname", "surname")]
    [InlineData("fields=contact.nickname", "nickname")]
    [InlineData("fields=contact.surname,no.such.path", "no.such.path")]
    [InlineData("fields=contact.address.zip", "zip")]
    public async Task UnknownSortFieldsAndFieldsPathsAre400(string query, string named)
    {
        await sandbox.CreateAsync(new { forename = "Ada" });
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?" + query);
        Expect.Error(r, 400, "ProductFormatException", named);
    }

    [Theory]
    [InlineData("sort=contact.surname:desc,created:asc,contact.address.city:asc,id:asc")]
    [InlineData("fields=contact,created")]
    [InlineData("fields=contact.address,contract,merchant,id,object,updated")]
    [InlineData("fields=contact.surname,contact.address.postal_code,contact.name")]
    public async Task ModelledPathsAreAccepted(string query)
    {
        await sandbox.CreateAsync(new { forename = "Ada", surname = "Lovelace", address = new { city = "London" } });
        var r = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?" + query);
        Assert.True(r.StatusCode == 200, r.ToString());
        Assert.Equal(1, r.Json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task ConfiguredExtraFieldsAreKnownToSortFieldsAndBodies()
    {
        var config = await sandbox.ControlAsync(HttpMethod.Put, "/extra-fields", new
        {
            customer = new { merchant_customer_id = "M-1" },
            contact = new { flags = new { vip = true }, nickname = "n" },
            address = new { geo = new { lat = 1.5 } },
        });
        Assert.True(config.StatusCode == 200, config.ToString());
        var r = await Send(sandbox, HttpMethod.Post, "/Payment/Customers",
            """{"contact":{"forename":"Ada","nickname":"Countess","address":{"city":"London","geo":{"lat":2}}}}""", "application/json");
        Assert.True(r.StatusCode == 200, r.ToString());
        string id = r.Json.GetProperty("id").GetString()!;
        foreach (var query in new[] { "sort=contact.nickname:asc,contact.flags.vip:desc,merchant_customer_id:asc,contact.address.geo.lat:asc",
                                      "fields=contact.nickname,contact.flags.vip,contact.address.geo,merchant_customer_id" })
        {
            var list = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers?" + query);
            Assert.True(list.StatusCode == 200, $"{query}: {list}");
        }
        r = await Send(sandbox, HttpMethod.Put, "/Payment/Customers/" + id, """{"contact":{"forename":"Ada","nickname":"Ada"}}""", "application/json");
        Assert.True(r.StatusCode == 200, r.ToString());
        Assert.Equal("Ada", Expect.At(r.Json, "contact.nickname"));
    }

    [Theory]
    [InlineData("""{"contact":{"forename":"Ada","nickname":"Countess"}}""", "contact.nickname")]
    [InlineData("""{"contact":{"forename":"Ada","Surname":"Lovelace"}}""", "contact.Surname")]
    [InlineData("""{"contact":{"forename":"Ada","address":{"city":"London","zip":"N1"}}}""", "contact.address.zip")]
    public async Task UnknownContactMembersAre400OnCreateAndUpdate(string body, string named)
    {
        Expect.Error(await Send(sandbox, HttpMethod.Post, "/Payment/Customers", body, "application/json"), 400, "ProductFormatException", named);
        var c = await sandbox.CreateAsync(new { forename = "Grace" });
        string id = c.GetProperty("id").GetString()!;
        Expect.Error(await Send(sandbox, HttpMethod.Put, "/Payment/Customers/" + id, body, "application/json"), 400, "ProductFormatException", named);
        Assert.Equal("Grace", Expect.At(await sandbox.GetCustomerAsync(id), "contact.forename"));
    }

    [Fact]
    public async Task TheServerManagedContactNameIsStillIgnored()
    {
        var r = await Send(sandbox, HttpMethod.Post, "/Payment/Customers", """{"contact":{"forename":"Ada","surname":"Lovelace","name":"X"}}""", "application/json");
        Assert.True(r.StatusCode == 200, r.ToString());
        Assert.Equal("Ada Lovelace", Expect.At(r.Json, "contact.name"));
    }

    [Fact]
    public async Task TheRequestLogKeepsTheRawPath()
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada" });
        string id = c.GetProperty("id").GetString()!;
        await sandbox.ClearLogAsync();
        var request = sandbox.Request(HttpMethod.Get, "//api/v2//PAYMENT/customers/" + id + "/?x=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await sandbox.TokenAsync());
        var r = await sandbox.SendAsync(request);
        Assert.True(r.StatusCode == 200, r.ToString()); // routing itself stays as lenient as the live API's
        var entry = (await sandbox.RequestLogAsync()).EnumerateArray().Single();
        Assert.Equal("//api/v2//PAYMENT/customers/" + id + "/", entry.GetProperty("path").GetString());
        Assert.Equal("x=1", entry.GetProperty("query").GetString());
    }

    [Fact]
    public async Task WithoutStrictTheSandboxStaysLenient()
    {
        await using var lenient = await SandboxProcess.StartLenientAsync();
        var r = await Send(lenient, HttpMethod.Post, "/Payment/Customers", """{"contact":{"forename":"Ada","nickname":"Countess"}}""", "text/plain");
        Assert.True(r.StatusCode == 200, r.ToString());
        Assert.False(r.Json.GetProperty("contact").TryGetProperty("nickname", out _));
        foreach (var query in new[] { "sort=contact.nickname:asc", "fields=contact.surname,no.such.path" })
        {
            var list = await lenient.ApiAsync(HttpMethod.Get, "/Payment/Customers?" + query);
            Assert.True(list.StatusCode == 200, $"{query}: {list}");
        }
        var projected = await lenient.ApiAsync(HttpMethod.Get, "/Payment/Customers?fields=no.such.path,nothing");
        Assert.Equal(new[] { "id", "object" }, projected.Json.GetProperty("data")[0].EnumerateObject().Select(p => p.Name).Order());
        await lenient.ClearLogAsync();
        var request = lenient.Request(HttpMethod.Get, "//api/v2//Payment/Customers/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await lenient.TokenAsync());
        Assert.Equal(200, (await lenient.SendAsync(request)).StatusCode);
        Assert.Equal("/api/v2/Payment/Customers", (await lenient.RequestLogAsync())[0].GetProperty("path").GetString());
    }
}
