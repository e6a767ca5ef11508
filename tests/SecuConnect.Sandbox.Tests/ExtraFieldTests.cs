using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>
/// PUT /_sandbox/extra-fields: members the live API returns beyond the modelled ones, so clients can prove they keep
/// them (customer members are server-managed, contact and address members must be sent back on PUT).
/// </summary>
// Unconfigured contact members are ignored here, as by default (without --strict); StrictModeTests covers their refusal.
public sealed class ExtraFieldTests(LenientSandbox fixture) : IClassFixture<LenientSandbox>, IAsyncLifetime
{
    private readonly SandboxProcess sandbox = fixture.Process;

    private const string Extras = """
        {"customer": {"merchant_customer_id": "M-1"},
         "contact": {"ident_service_ids": ["a", "b"], "flags": {"vip": true}},
         "address": {"geo": {"lat": 52.5, "lng": 13.4}}}
        """;

    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task SetExtrasAsync(string json)
    {
        var r = await sandbox.ControlAsync(HttpMethod.Put, "/extra-fields", json);
        Assert.True(r.StatusCode == 200, $"setting extra fields failed: {r}");
    }

    private async Task<ApiResponse> PostAsync(string json)
    {
        var r = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", json);
        Assert.True(r.StatusCode == 200, r.ToString());
        return r;
    }

    [Fact]
    public async Task ControlShowsReplacesAndClearsTheConfiguration()
    {
        await SetExtrasAsync(Extras);
        var shown = (await sandbox.ControlAsync(HttpMethod.Get, "/extra-fields")).Json;
        Assert.Equal("M-1", shown.GetProperty("customer").GetProperty("merchant_customer_id").GetString());
        Assert.Equal(2, shown.GetProperty("contact").GetProperty("ident_service_ids").GetArrayLength());
        Assert.Equal(13.4, shown.GetProperty("address").GetProperty("geo").GetProperty("lng").GetDouble());
        Assert.False(shown.GetProperty("emptyAddressAsArray").GetBoolean());

        // PUT replaces the whole configuration: members left out are none.
        await SetExtrasAsync("""{"emptyAddressAsArray": true}""");
        shown = (await sandbox.ControlAsync(HttpMethod.Get, "/extra-fields")).Json;
        Assert.Empty(shown.GetProperty("contact").EnumerateObject());
        Assert.True(shown.GetProperty("emptyAddressAsArray").GetBoolean());

        Assert.Equal(200, (await sandbox.ControlAsync(HttpMethod.Delete, "/extra-fields")).StatusCode);
        shown = (await sandbox.ControlAsync(HttpMethod.Get, "/extra-fields")).Json;
        Assert.False(shown.GetProperty("emptyAddressAsArray").GetBoolean());

        foreach (var bad in new[] { """{"contact": {"email": 1}}""", """{"customer": {"id": "x"}}""", """{"address": {"city": "x"}}""", """{"contact": []}""", """{"other": {}}""", "[1]", "{" })
        {
            Expect.Error(await sandbox.ControlAsync(HttpMethod.Put, "/extra-fields", bad), 400, "ProductFormatException", "invalid extra fields");
        }
    }

    [Fact]
    public async Task CreatedCustomersGetTheExtrasUnlessTheBodyGivesThem()
    {
        var before = await sandbox.CreateAsync(new { forename = "Before" });
        await SetExtrasAsync(Extras);

        var plain = (await PostAsync("""{"contact": {"forename": "Ada", "flags2": 1}}""")).Json;
        Assert.Equal("M-1", plain.GetProperty("merchant_customer_id").GetString());
        var contact = plain.GetProperty("contact");
        Assert.Equal(["a", "b"], contact.GetProperty("ident_service_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.True(contact.GetProperty("flags").GetProperty("vip").GetBoolean());
        Assert.Equal(52.5, contact.GetProperty("address").GetProperty("geo").GetProperty("lat").GetDouble());
        Assert.False(contact.TryGetProperty("flags2", out _), "unconfigured members stay ignored");

        // The body's own values win (raw JSON kept exactly, null too); customer members are never taken from a body.
        var own = await PostAsync("""
            {"merchant_customer_id": "X", "contact": {"forename": "Bob", "flags": {"vip" : false, "n": 1.50}, "ident_service_ids": null,
             "address": {"city": "Berlin", "geo": "unknown"}}}
            """);
        Assert.Contains("\"flags\":{\"vip\" : false, \"n\": 1.50}", own.Body);
        var ownContact = own.Json.GetProperty("contact");
        Assert.Equal(JsonValueKind.Null, ownContact.GetProperty("ident_service_ids").ValueKind);
        Assert.Equal("unknown", ownContact.GetProperty("address").GetProperty("geo").GetString());
        Assert.Equal("Berlin", ownContact.GetProperty("address").GetProperty("city").GetString());
        Assert.Equal("M-1", own.Json.GetProperty("merchant_customer_id").GetString());

        // GET and the list answer the same; a customer created before the control has no extras.
        var id = plain.GetProperty("id").GetString()!;
        Assert.Equal(plain.GetRawText(), (await sandbox.GetCustomerAsync(id)).GetRawText());
        var list = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers");
        var items = list.Json.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(plain.GetRawText(), items[1].GetRawText());
        Assert.Equal(own.Json.GetRawText(), items[2].GetRawText());
        Assert.Equal(before.GetRawText(), items[0].GetRawText());
        Assert.False(items[0].TryGetProperty("merchant_customer_id", out _));
    }

    [Fact]
    public async Task PutKeepsTheExtrasItIsSentAndRemovesTheOthers()
    {
        await SetExtrasAsync(Extras);
        var created = (await PostAsync("""{"contact": {"forename": "Ada"}}""")).Json;
        var id = created.GetProperty("id").GetString()!;

        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id,
            """{"merchant_customer_id": "X", "contact": {"forename": "Ada", "ident_service_ids": ["c"], "address": {"geo": {"lat": 1.0}}}}""");
        Assert.True(put.StatusCode == 200, put.ToString());
        var contact = put.Json.GetProperty("contact");
        Assert.Equal("[\"c\"]", contact.GetProperty("ident_service_ids").GetRawText());
        Assert.False(contact.TryGetProperty("flags", out _), "an extra member absent from the PUT body is removed");
        Assert.Equal("{\"lat\": 1.0}", contact.GetProperty("address").GetProperty("geo").GetRawText());
        Assert.Equal("M-1", put.Json.GetProperty("merchant_customer_id").GetString());
        Assert.Equal(put.Json.GetRawText(), (await sandbox.GetCustomerAsync(id)).GetRawText());

        // Once cleared, the control adds nothing to new customers, but a customer still round-trips the extras it has.
        Assert.Equal(200, (await sandbox.ControlAsync(HttpMethod.Delete, "/extra-fields")).StatusCode);
        var later = (await PostAsync("""{"contact": {"forename": "Later", "flags": {"vip": true}}}""")).Json;
        Assert.False(later.GetProperty("contact").TryGetProperty("flags", out _));
        Assert.False(later.TryGetProperty("merchant_customer_id", out _));
        put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id,
            """{"contact": {"forename": "Ada", "ident_service_ids": ["d"]}}""");
        Assert.Equal("[\"d\"]", put.Json.GetProperty("contact").GetProperty("ident_service_ids").GetRawText());
        Assert.False(put.Json.GetProperty("contact").TryGetProperty("address", out _), "PUT replaces the whole address");
        Assert.Equal("M-1", put.Json.GetProperty("merchant_customer_id").GetString());
    }

    [Fact]
    public async Task ResetClearsTheExtras()
    {
        await SetExtrasAsync(Extras);
        await sandbox.ResetAsync();
        var c = (await PostAsync("""{"contact": {"forename": "Ada", "flags": {"vip": true}}}""")).Json;
        Assert.Equal("""{"forename":"Ada","name":"Ada"}""", c.GetProperty("contact").GetRawText());
        Assert.False(c.TryGetProperty("merchant_customer_id", out _));
    }

    [Fact]
    public async Task EmptyAddressAsArrayAnswersAMissingAddressAsAnEmptyArray()
    {
        await SetExtrasAsync("""{"emptyAddressAsArray": true}""");
        var none = await PostAsync("""{"contact": {"forename": "Ada"}}""");
        Assert.Equal("[]", none.Json.GetProperty("contact").GetProperty("address").GetRawText());
        var id = none.Json.GetProperty("id").GetString()!;
        var withAddress = await PostAsync("""{"contact": {"forename": "Bob", "address": {"city": "Berlin"}}}""");
        Assert.Equal(JsonValueKind.Object, withAddress.Json.GetProperty("contact").GetProperty("address").ValueKind);

        var list = (await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers")).Json.GetProperty("data");
        Assert.Equal("[]", list[0].GetProperty("contact").GetProperty("address").GetRawText());
        var get = await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers/" + id);
        Assert.Equal("[]", get.Json.GetProperty("contact").GetProperty("address").GetRawText());

        // A client sending the [] back is understood as "no address".
        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, """{"contact": {"forename": "Ada", "address": []}}""");
        Assert.True(put.StatusCode == 200, put.ToString());
        Assert.Equal("[]", put.Json.GetProperty("contact").GetProperty("address").GetRawText());

        await sandbox.ControlAsync(HttpMethod.Delete, "/extra-fields");
        Assert.False((await sandbox.GetCustomerAsync(id)).GetProperty("contact").TryGetProperty("address", out _));
    }

    [Fact]
    public async Task FieldsAndQueryReachTheExtras()
    {
        await SetExtrasAsync(Extras);
        var ada = (await PostAsync("""{"contact": {"forename": "Ada", "email": "ada@example.com"}}""")).Json;
        await PostAsync("""{"contact": {"forename": "Bob", "flags": {"vip": false}}}""");

        var projected = await sandbox.ListAsync("?fields=contact.ident_service_ids");
        var first = projected.GetProperty("data")[0];
        Assert.Equal("""{"object":"payment.customers","id":"ID","contact":{"ident_service_ids":["a","b"]}}""".Replace("ID", ada.GetProperty("id").GetString()),
            first.GetRawText());

        var vip = await sandbox.ListAsync("?q=" + Uri.EscapeDataString("contact.flags.vip:true"));
        Assert.Equal(new[] { ada.GetProperty("id").GetString() }, Expect.Ids(vip));
        Assert.Equal(2, (await sandbox.ListAsync("?q=merchant_customer_id:M-1")).GetProperty("count").GetInt32());
        Assert.Equal(2, (await sandbox.ListAsync("?q=contact.address.geo.lat:52.5")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task StartupFileAppliesAndTheDataFileKeepsTheExtras()
    {
        var directory = Directory.CreateTempSubdirectory("secu-sandbox-extras-").FullName;
        try
        {
            var file = Path.Combine(directory, "extras.json");
            await File.WriteAllTextAsync(file, Extras);
            var data = Path.Combine(directory, "customers.db");
            string id, stored;
            await using (var first = await SandboxProcess.StartAsync("--extra-fields", file, "--data", data))
            {
                var created = await first.ApiAsync(HttpMethod.Post, "/Payment/Customers", """{"contact": {"forename": "Ada"}}""");
                Assert.Equal("M-1", created.Json.GetProperty("merchant_customer_id").GetString());
                // Reset goes back to the start-up file, not to nothing.
                Assert.Equal(200, (await first.ControlAsync(HttpMethod.Delete, "/extra-fields")).StatusCode);
                await first.ResetAsync();
                created = await first.ApiAsync(HttpMethod.Post, "/Payment/Customers", """{"contact": {"forename": "Ada"}}""");
                Assert.Equal("M-1", created.Json.GetProperty("merchant_customer_id").GetString());
                Assert.Equal("{\"lat\": 52.5, \"lng\": 13.4}", created.Json.GetProperty("contact").GetProperty("address").GetProperty("geo").GetRawText());
                id = created.Json.GetProperty("id").GetString()!;
                stored = created.Json.GetRawText();
            }

            await using var second = await SandboxProcess.StartAsync("--data", data);
            Assert.Equal(stored, (await second.GetCustomerAsync(id)).GetRawText());

            File.WriteAllText(file, """{"contact": {"surname": 1}}""");
            var (exitCode, _, stderr) = await SandboxProcess.RunToExitAsync(TimeSpan.FromSeconds(30), "--extra-fields", file);
            Assert.Equal(2, exitCode);
            Assert.Contains("--extra-fields", stderr);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
