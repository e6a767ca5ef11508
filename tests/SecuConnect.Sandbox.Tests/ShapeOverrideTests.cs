using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>
/// PUT /_sandbox/shapes: modelled members answered in shapes the contract does not give them (an object where text
/// belongs, a contract as text, a created that is no time), for customers and containers, so clients can prove they read
/// such answers; off by default, when the answers are exactly the contract's.
/// </summary>
public sealed class ShapeOverrideTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private const string Commerzbank = "DE89370400440532013000";

    private const string CustomerShapes = """
        {"customers": {"contact.phone": {"mobile": "+49 170 1"}, "contact.address.city": ["Berlin", "Mitte"],
                       "contract": "GCR_OLDSTYLE", "created": "yesterday", "contact.surname": 42}}
        """;

    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task SetShapesAsync(string json)
    {
        var r = await sandbox.ControlAsync(HttpMethod.Put, "/shapes", json);
        Assert.True(r.StatusCode == 200, $"setting shapes failed: {r}");
    }

    // Shaped answers break the contract on purpose: read them without the helpers' contract check.
    private async Task<JsonElement> RawAsync(string path)
    {
        var r = await sandbox.ApiAsync(HttpMethod.Get, path);
        Assert.True(r.StatusCode == 200, r.ToString());
        return r.Json;
    }

    private static JsonElement At(JsonElement e, string path)
    {
        foreach (var name in path.Split('.')) e = e.GetProperty(name);
        return e;
    }

    private static void AssertCustomerShapes(JsonElement c)
    {
        Assert.Equal("""{"mobile":"+49 170 1"}""", At(c, "contact.phone").GetRawText());
        Assert.Equal("""["Berlin","Mitte"]""", At(c, "contact.address.city").GetRawText());
        Assert.Equal("42", At(c, "contact.surname").GetRawText());
        Assert.Equal("GCR_OLDSTYLE", c.GetProperty("contract").GetString());
        Assert.Equal("yesterday", c.GetProperty("created").GetString());
        Assert.StartsWith("PCU_", c.GetProperty("id").GetString());
        Assert.Equal("payment.customers", c.GetProperty("object").GetString());
    }

    [Fact]
    public async Task OffByDefaultAndWhenClearedTheAnswersAreTheContracts()
    {
        var created = await sandbox.CreateAsync(new { forename = "Ada", surname = "Lovelace", phone = "+49301" });
        string id = created.GetProperty("id").GetString()!;
        string plain = (await sandbox.GetCustomerAsync(id)).GetRawText();
        Assert.Equal("""{"customers":{},"containers":{}}""", (await sandbox.ControlAsync(HttpMethod.Get, "/shapes")).Json.GetRawText());

        await SetShapesAsync(CustomerShapes);
        Assert.NotEqual(plain, (await RawAsync("/Payment/Customers/" + id)).GetRawText());

        Assert.Equal(200, (await sandbox.ControlAsync(HttpMethod.Delete, "/shapes")).StatusCode);
        Assert.Equal(plain, (await sandbox.GetCustomerAsync(id)).GetRawText());

        await SetShapesAsync(CustomerShapes);
        await sandbox.ResetAsync();
        Assert.Equal("""{"customers":{},"containers":{}}""", (await sandbox.ControlAsync(HttpMethod.Get, "/shapes")).Json.GetRawText());
    }

    [Fact]
    public async Task EveryCustomerAnswerCarriesTheShapes()
    {
        await SetShapesAsync(CustomerShapes);
        // A customer without an address gets one for the overridden city.
        var created = (await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", new { contact = new { forename = "Ada" } })).Json;
        AssertCustomerShapes(created);
        string id = created.GetProperty("id").GetString()!;
        AssertCustomerShapes(await RawAsync("/Payment/Customers/" + id));
        AssertCustomerShapes((await RawAsync("/Payment/Customers")).GetProperty("data")[0]);
        var updated = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, new { contact = new { forename = "Ada", email = "a@example.com" } });
        Assert.True(updated.StatusCode == 200, updated.ToString());
        AssertCustomerShapes(updated.Json);
        Assert.Equal("a@example.com", At(updated.Json, "contact.email").GetString());
        // The configuration reads back as it was set.
        var shown = (await sandbox.ControlAsync(HttpMethod.Get, "/shapes")).Json;
        Assert.Equal("42", shown.GetProperty("customers").GetProperty("contact.surname").GetRawText());
        Assert.Empty(shown.GetProperty("containers").EnumerateObject());
    }

    [Fact]
    public async Task WritesSendingTheOddValuesBackAreAcceptedAndTheRequestLogShowsWhatWasSent()
    {
        string id = (await sandbox.CreateAsync(new { forename = "Ada", surname = "Lovelace" })).GetProperty("id").GetString()!;
        const string echo = """{"contact": {"forename": "Ada", "surname": 42, "phone": {"mobile": "+49 170 1"}}}""";
        // Without the control, the contract's parser refuses a number where text belongs.
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, echo), 400, "ProductFormatException", "must be a string");

        await SetShapesAsync(CustomerShapes);
        await sandbox.ClearLogAsync();
        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, echo);
        Assert.True(put.StatusCode == 200, put.ToString());
        var text = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, """{"contact": {"forename": "Ada", "phone": "+49 30 9"}}""");
        Assert.True(text.StatusCode == 200, text.ToString());
        // Only the configured value passes: another odd value is refused as without the control.
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, """{"contact": {"forename": "Ada", "surname": 43}}"""),
            400, "ProductFormatException", "must be a string");

        var writes = (await sandbox.RequestLogAsync()).EnumerateArray().Where(e => e.GetProperty("method").GetString() == "PUT").ToList();
        Assert.Equal(3, writes.Count);
        Assert.Equal("43", writes[2].GetProperty("shapes").GetProperty("contact.surname").GetString());
        var sent = writes[0].GetProperty("shapes");
        Assert.Equal("""{"mobile":"+49 170 1"}""", sent.GetProperty("contact.phone").GetString());
        Assert.Equal("42", sent.GetProperty("contact.surname").GetString());
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("contact.address.city").ValueKind);
        Assert.Equal("\"+49 30 9\"", writes[1].GetProperty("shapes").GetProperty("contact.phone").GetString());

        // Text at an overridden path is stored as usual: the control off shows it.
        await sandbox.ControlAsync(HttpMethod.Delete, "/shapes");
        Assert.Equal("+49309", At(await sandbox.GetCustomerAsync(id), "contact.phone").GetString());
        await sandbox.ClearLogAsync();
        await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, """{"contact": {"forename": "Ada"}}""");
        Assert.False((await sandbox.RequestLogAsync())[0].TryGetProperty("shapes", out _), "no shapes in the log while the control is off");
    }

    [Fact]
    public async Task ContainerAnswersCarryTheirOwnShapes()
    {
        string customer = (await sandbox.CreateAsync(new { forename = "Ada" })).GetProperty("id").GetString()!;
        string id = (await sandbox.CreateBankAccountAsync(Commerzbank, "Ada Lovelace", customerId: customer)).GetProperty("id").GetString()!;
        await SetShapesAsync("""{"containers": {"public.owner": {"name": "Ada Lovelace"}, "mandate": "MNDT-1", "created": "yesterday"}}""");

        var read = await RawAsync("/Payment/Containers/" + id);
        Assert.Equal("""{"name":"Ada Lovelace"}""", At(read, "public.owner").GetRawText());
        Assert.Equal("MNDT-1", read.GetProperty("mandate").GetString());
        Assert.Equal("yesterday", read.GetProperty("created").GetString());
        Assert.Equal(Commerzbank, At(read, "private.iban").GetString());
        Assert.Equal(read.GetRawText(), (await RawAsync("/Payment/Containers")).GetProperty("data")[0].GetRawText());
        // Container shapes leave customers alone.
        Assert.Equal(JsonValueKind.String, (await sandbox.GetCustomerAsync(customer)).GetProperty("created").ValueKind);
        Assert.NotEqual("yesterday", (await sandbox.GetCustomerAsync(customer)).GetProperty("created").GetString());
    }

    [Fact]
    public async Task TheControlRefusesWhatIsNoMemberPathAndTheRecordsIdentity()
    {
        foreach (var bad in new[] { """{"customers": {"id": "x"}}""", """{"containers": {"object": "x"}}""", """{"customers": {"contact..phone": 1}}""",
                     """{"customers": {".phone": 1}}""", """{"customers": []}""", """{"other": {}}""", "[1]", "{" })
        {
            Expect.Error(await sandbox.ControlAsync(HttpMethod.Put, "/shapes", bad), 400, "ProductFormatException", "invalid shapes");
        }
        // A nested id is a modelled member like any other.
        await SetShapesAsync("""{"customers": {"contract.id": 7}}""");
    }
}
