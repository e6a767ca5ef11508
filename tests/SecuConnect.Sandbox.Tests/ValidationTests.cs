using System.Net.Http.Headers;
using System.Text;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Bad input: 400/413 ProductFormatException naming the field, never a change to stored data (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public sealed class ValidationTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private static readonly string Long256 = new('x', 256);

    private string _existingId = "";

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        var c = await sandbox.CreateAsync(new { forename = "Ada", surname = "Lovelace", email = "ada@example.com", dob = "1815-12-10", address = new { city = "London", country = "GB" } });
        _existingId = c.GetProperty("id").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "", "no payload" },
        { "{}", "no payload" },
        { "[]", "no payload" },
        { "\"contact\"", "no payload" },
        { "42", "no payload" },
        { """{"contact":"Ada"}""", "no payload" },
        { """{"contact":[]}""", "no payload" },
        { """{"contact":7}""", "no payload" },
        { """{"forename":"Ada"}""", "no payload" },
        { """{"contact":{"dob":"1991-02-30"}}""", "invalid dob format" },
        { """{"contact":{"dob":"1991-13-01"}}""", "invalid dob format" },
        { """{"contact":{"dob":"03.02.1991"}}""", "invalid dob format" },
        { """{"contact":{"dob":"1991-2-3"}}""", "invalid dob format" },
        { """{"contact":{"dob":"yesterday"}}""", "invalid dob format" },
        { """{"contact":{"dob":"1991-02-03T10:00:00"}}""", "invalid dob format" },
        { """{"contact":{"email":"not-an-email"}}""", "email" },
        { """{"contact":{"email":"a@b"}}""", "email" },
        { """{"contact":{"email":"a b@example.com"}}""", "email" },
        { """{"contact":{"email":"a@@example.com"}}""", "email" },
        { """{"contact":{"address":{"country":"DEU"}}}""", "country" },
        { """{"contact":{"address":{"country":"D1"}}}""", "country" },
        { """{"contact":{"address":{"country":"Germany"}}}""", "country" },
        { """{"contact":{"address":{"postal_code":1234}}}""", "postal_code" },
        { """{"contact":{"forename":5}}""", "forename" },
        { """{"contact":{"surname":true}}""", "surname" },
        { """{"contact":{"phone":4930123456}}""", "phone" },
        { """{"contact":{"city":"x","address":{"city":["Berlin"]}}}""", "city" },
        { """{"contact":{"companyname":{"name":"x"}}}""", "companyname" },
        { "{\"contact\":{\"surname\":\"" + Long256 + "\"}}", "surname" },
        { "{\"contact\":{\"address\":{\"street\":\"" + Long256 + "\"}}}", "street" },
        { """{"contact":{""", "" },
        { """{"contact":{"forename":"Ada"}""", "" },
        { """{contact:{forename:'Ada'}}""", "" },
        { "not json at all", "" },
        { """{"contact":{"forename":"Ada"}}}""", "" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadCreateIs400AndStoresNothing(string body, string details)
    {
        var before = await sandbox.StoreSnapshotAsync();
        var r = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", body);
        Expect.Error(r, 400, "ProductFormatException", details.Length == 0 ? null : details);
        Contract.AssertResponse("/Payment/Customers", "post", r);
        Assert.Equal(before, await sandbox.StoreSnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadUpdateIs400AndChangesNothing(string body, string details)
    {
        var before = await sandbox.StoreSnapshotAsync();
        var r = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + _existingId, body);
        Expect.Error(r, 400, "ProductFormatException", details.Length == 0 ? null : details);
        Contract.AssertResponse("/Payment/Customers/{paymentCustomerId}", "put", r);
        Assert.Equal(before, await sandbox.StoreSnapshotAsync());
    }

    [Fact]
    public async Task InvalidUtf8Is400()
    {
        var before = await sandbox.StoreSnapshotAsync();
        var bytes = Encoding.ASCII.GetBytes("{\"contact\":{\"forename\":\"A__\"}}");
        var at = Array.IndexOf(bytes, (byte)'_');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28; // an invalid two-byte sequence
        var request = sandbox.Request(HttpMethod.Post, "/api/v2/Payment/Customers", new ByteArrayContent(bytes));
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        request.Headers.Authorization = new("Bearer", await sandbox.TokenAsync());
        Expect.Error(await sandbox.SendAsync(request), 400, "ProductFormatException");
        Assert.Equal(before, await sandbox.StoreSnapshotAsync());
    }

    [Fact]
    public async Task BodyOverOneMebibyteIs413()
    {
        var before = await sandbox.StoreSnapshotAsync();
        var padding = new string('a', 1024 * 1024 + 16);
        await Expect.BodyOverLimitAsync(sandbox,
            () => sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", "{\"contact\":{\"forename\":\"Ada\",\"note\":\"" + padding + "\"}}"));
        Assert.Equal(before, await sandbox.StoreSnapshotAsync());
        var health = await sandbox.Http.GetAsync("health");
        Assert.Equal(200, (int)health.StatusCode);
    }

    [Fact]
    public async Task BoundaryValuesAreAccepted()
    {
        var max = new string('y', 255);
        var c = await sandbox.CreateAsync(new
        {
            surname = max, email = "a.b+c@mail.example.org", dob = "2000-02-29",
            address = new { country = "de", postal_code = "01234", street = max },
        });
        Expect.CustomerRecord(c);
        Assert.Equal(max, Expect.At(c, "contact.surname"));
        Assert.Equal("de", Expect.At(c, "contact.address.country"));
        Assert.Equal("2000-02-29T00:00:00+00:00", Expect.At(c, "contact.dob"));
    }

    [Fact]
    public async Task EmptyContactIsAccepted()
    {
        var r = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", """{"contact":{}}""");
        Assert.True(r.StatusCode == 200, r.ToString());
        Expect.CustomerRecord(r.Json);
    }

    [Fact]
    public async Task NationalityIsNotChecked()
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada", nationality = "british" });
        Assert.Equal("british", Expect.At(c, "contact.nationality"));
    }

    [Fact]
    public async Task ErrorAnswersCarryFreshSupportIds()
    {
        var a = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", "{}");
        var b = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", "{}");
        Expect.Error(a, 400, "ProductFormatException", "no payload");
        Expect.Error(b, 400, "ProductFormatException", "no payload");
        Assert.NotEqual(a.Json.GetProperty("supportId").GetString(), b.Json.GetProperty("supportId").GetString());
    }
}
