using System.Text;
using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>The five customer operations (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public sealed class CustomerCrudTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private const string Customers = "/Payment/Customers";
    private const string ById = "/Payment/Customers/{paymentCustomerId}";

    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task VendorGuideWalkthrough()
    {
        // The vendor guide's customer, as it writes it (surname "John R.", forename "Hacker").
        var address = new { country = "PL", city = "Wroclaw", street = "Kurkowa", postal_code = "50-000", street_number = "14" };
        var create = await sandbox.ApiAsync(HttpMethod.Post, Customers, new { contact = new { surname = "John R.", forename = "Hacker", address } });
        Assert.True(create.StatusCode == 200, create.ToString());
        Expect.JsonContentType(create);
        Contract.AssertResponse(Customers, "post", create);
        var customer = create.Json;
        Expect.CustomerRecord(customer);
        var id = customer.GetProperty("id").GetString()!;
        var contact = customer.GetProperty("contact");
        Assert.Equal("Hacker John R.", contact.GetProperty("name").GetString());
        Assert.Equal("Wroclaw", Expect.At(contact, "address.city"));
        Assert.Equal("50-000", Expect.At(contact, "address.postal_code"));
        Assert.False(customer.TryGetProperty("updated", out _));

        var read = await sandbox.GetCustomerAsync(id);
        Assert.Equal(customer.GetRawText(), read.GetRawText());

        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id,
            new { contact = new { surname = "John Random", forename = "Hacker", address } });
        Assert.True(put.StatusCode == 200, put.ToString());
        Contract.AssertResponse(ById, "put", put);
        var updated = put.Json;
        Expect.CustomerRecord(updated);
        Assert.Equal(id, updated.GetProperty("id").GetString());
        Assert.Equal("Hacker John Random", Expect.At(updated, "contact.name"));
        Assert.Equal(customer.GetProperty("created").GetString(), updated.GetProperty("created").GetString());
        Assert.True(Expect.UtcTimestamp(updated.GetProperty("updated").GetString()) >= Expect.UtcTimestamp(customer.GetProperty("created").GetString()));

        var list = await sandbox.ListAsync();
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        Assert.Equal(updated.GetRawText(), list.GetProperty("data")[0].GetRawText());

        var delete = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + id);
        Assert.True(delete.StatusCode == 200, delete.ToString());
        Contract.AssertResponse(ById, "delete", delete);
        Assert.Equal(JsonValueKind.Array, delete.Json.ValueKind);
        Assert.Equal(1, delete.Json.GetArrayLength());
        Assert.Equal(updated.GetRawText(), delete.Json[0].GetRawText());

        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers/" + id), 404, "ProductNotFoundException", id);
        Assert.Equal(0, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task CreateAnswersTheFullNormalisedRecord()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var c = await sandbox.CreateAsync(new
        {
            salutation = "Mr.", forename = "John", surname = "Doe", companyname = "Example Inc.", dob = "1991-02-03",
            email = "example@example.com", phone = "0049-123-456789", mobile = "+49 (987) 654-321", fax = "0049-30 123/45",
            gender = "m", title = "Dr.", picture = "https://example.com/p.png", url_website = "www.example.com",
            birthplace = "Dresden", nationality = "german",
            address = new { type = "invoice", street = "Example Street", street_number = "6a", postal_code = "01234", city = "Examplecity", country = "DE", additional_address_data = "c/o Jane" },
        });
        Expect.CustomerRecord(c);
        var created = Expect.UtcTimestamp(c.GetProperty("created").GetString());
        Assert.InRange(created, before, DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.False(c.TryGetProperty("updated", out _));

        var contact = c.GetProperty("contact");
        Assert.Equal("John Doe", contact.GetProperty("name").GetString());
        Assert.Equal("1991-02-03T00:00:00+00:00", contact.GetProperty("dob").GetString());
        Assert.Equal("0049123456789", contact.GetProperty("phone").GetString());
        Assert.Equal("+49987654321", contact.GetProperty("mobile").GetString());
        Assert.Equal("0049-30 123/45", contact.GetProperty("fax").GetString());
        Assert.Equal("german", contact.GetProperty("nationality").GetString());
        foreach (var (field, value) in new[] { ("salutation", "Mr."), ("companyname", "Example Inc."), ("email", "example@example.com"), ("gender", "m"), ("title", "Dr."), ("picture", "https://example.com/p.png"), ("url_website", "www.example.com"), ("birthplace", "Dresden") })
        {
            Assert.Equal(value, contact.GetProperty(field).GetString());
        }
        var address = contact.GetProperty("address");
        foreach (var (field, value) in new[] { ("type", "invoice"), ("street", "Example Street"), ("street_number", "6a"), ("postal_code", "01234"), ("city", "Examplecity"), ("country", "DE"), ("additional_address_data", "c/o Jane") })
        {
            Assert.Equal(value, address.GetProperty(field).GetString());
        }
    }

    [Fact]
    public async Task IdsAreUniqueAndContractAndMerchantAreFixed()
    {
        var a = await sandbox.CreateAsync(new { forename = "A" });
        var b = await sandbox.CreateAsync(new { forename = "A" });
        Assert.NotEqual(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
        Assert.Equal(a.GetProperty("contract").GetRawText(), b.GetProperty("contract").GetRawText());
        Assert.Equal(a.GetProperty("merchant").GetRawText(), b.GetProperty("merchant").GetRawText());
    }

    [Theory]
    [InlineData("""{"forename":"Ada"}""", "Ada")]
    [InlineData("""{"surname":"Lovelace"}""", "Lovelace")]
    [InlineData("""{"forename":"Ada","surname":"Lovelace"}""", "Ada Lovelace")]
    [InlineData("""{"companyname":"Analytical Engines Ltd"}""", null)]
    [InlineData("""{}""", null)]
    [InlineData("""{"forename":"","surname":"Lovelace"}""", "Lovelace")]
    public async Task ContactNameIsComputed(string contact, string? name)
    {
        var r = await sandbox.ApiAsync(HttpMethod.Post, Customers, $$"""{"contact":{{contact}}}""");
        Assert.True(r.StatusCode == 200, r.ToString());
        Expect.CustomerRecord(r.Json);
        Assert.Equal(name, Expect.At(r.Json, "contact.name"));
    }

    [Theory]
    [InlineData("1991-02-03")]
    [InlineData("1991-02-03T00:00:00+00:00")]
    [InlineData("1991-02-03T23:30:00+02:00")]
    [InlineData("1991-02-03T01:15:00-05:00")]
    [InlineData("2000-02-29")]
    public async Task DobIsNormalisedToTheDate(string dob)
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada", dob });
        Assert.Equal(dob[..10] + "T00:00:00+00:00", Expect.At(c, "contact.dob"));
    }

    [Fact]
    public async Task NullsAndEmptyStringsAreOmitted()
    {
        var r = await sandbox.ApiAsync(HttpMethod.Post, Customers,
            """{"contact":{"forename":"Ada","surname":null,"email":"","phone":null,"dob":"","address":{"city":"London","street":"","country":""}}}""");
        Assert.True(r.StatusCode == 200, r.ToString());
        Expect.CustomerRecord(r.Json);
        var contact = r.Json.GetProperty("contact");
        Assert.Equal("Ada", contact.GetProperty("name").GetString());
        foreach (var absent in new[] { "surname", "email", "phone", "dob" }) Assert.False(contact.TryGetProperty(absent, out _), absent);
        var address = contact.GetProperty("address");
        Assert.Equal("London", address.GetProperty("city").GetString());
        Assert.False(address.TryGetProperty("street", out _));
        Assert.False(address.TryGetProperty("country", out _));
    }

    [Fact]
    public async Task ServerManagedAndUnknownFieldsAreIgnored()
    {
        // The default, lenient sandbox (strict refuses this: StrictModeTests).
        await using var sandbox = await SandboxProcess.StartLenientAsync();
        var reference = await sandbox.CreateAsync(new { forename = "Ref" });
        var r = await sandbox.ApiAsync(HttpMethod.Post, Customers, """
            {"object":"payment.other","id":"PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","created":"2001-01-01T00:00:00+00:00",
             "updated":"2002-02-02T00:00:00+00:00","contract":{"object":"payment.contracts","id":"PCR_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"},
             "merchant":{"object":"general.merchants","id":"MRC_CCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"},"extra":{"deep":[1,2]},
             "contact":{"name":"Forged Name","forename":"Ada","unknown_field":"x","nested":{"a":1},
                        "address":{"city":"London","planet":"Earth"}}}
            """);
        Assert.True(r.StatusCode == 200, r.ToString());
        var c = r.Json;
        Expect.CustomerRecord(c);
        Assert.NotEqual("PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", c.GetProperty("id").GetString());
        Assert.Equal("payment.customers", c.GetProperty("object").GetString());
        Assert.NotEqual("2001-01-01T00:00:00+00:00", c.GetProperty("created").GetString());
        Assert.False(c.TryGetProperty("updated", out _));
        Assert.Equal(reference.GetProperty("contract").GetRawText(), c.GetProperty("contract").GetRawText());
        Assert.Equal(reference.GetProperty("merchant").GetRawText(), c.GetProperty("merchant").GetRawText());
        Assert.Equal("Ada", Expect.At(c, "contact.name"));
        Assert.False(c.TryGetProperty("extra", out _));
        Assert.False(c.GetProperty("contact").TryGetProperty("unknown_field", out _));
        Assert.False(c.GetProperty("contact").TryGetProperty("nested", out _));
        Assert.False(c.GetProperty("contact").GetProperty("address").TryGetProperty("planet", out _));
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers/PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 404, "ProductNotFoundException");
    }

    [Fact]
    public async Task PutReplacesTheWholeContact()
    {
        var c = await sandbox.CreateAsync(new
        {
            forename = "Ada", surname = "Lovelace", email = "ada@example.com", phone = "123",
            address = new { city = "London", country = "GB" },
        });
        var id = c.GetProperty("id").GetString()!;
        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id,
            """{"id":"PCU_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ","created":"2001-01-01T00:00:00+00:00","contact":{"forename":"Augusta","name":"X"}}""");
        Assert.True(put.StatusCode == 200, put.ToString());
        Contract.AssertResponse(ById, "put", put);
        var u = put.Json;
        Expect.CustomerRecord(u);
        Assert.Equal(id, u.GetProperty("id").GetString());
        Assert.Equal(c.GetProperty("created").GetString(), u.GetProperty("created").GetString());
        Expect.UtcTimestamp(u.GetProperty("updated").GetString());
        var contact = u.GetProperty("contact");
        Assert.Equal("Augusta", contact.GetProperty("forename").GetString());
        Assert.Equal("Augusta", contact.GetProperty("name").GetString());
        foreach (var gone in new[] { "surname", "email", "phone", "address" }) Assert.False(contact.TryGetProperty(gone, out _), gone);

        var read = await sandbox.GetCustomerAsync(id);
        Assert.Equal(u.GetRawText(), read.GetRawText());

        var again = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, """{"contact":{}}""");
        Assert.True(again.StatusCode == 200, again.ToString());
        Expect.CustomerRecord(again.Json);
        Assert.Equal(c.GetProperty("created").GetString(), again.Json.GetProperty("created").GetString());
        Assert.False(again.Json.GetProperty("contact").TryGetProperty("forename", out _));
        Assert.False(again.Json.GetProperty("contact").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task DeleteAnswersTheRecordBeforeDeletionThenTheIdIsGone()
    {
        var keep = await sandbox.CreateAsync(new { forename = "Keep" });
        var c = await sandbox.CreateAsync(new { forename = "Ada", surname = "Lovelace", address = new { city = "London" } });
        var id = c.GetProperty("id").GetString()!;

        var delete = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + id);
        Assert.True(delete.StatusCode == 200, delete.ToString());
        Expect.JsonContentType(delete);
        Contract.AssertResponse(ById, "delete", delete);
        Assert.Equal(1, delete.Json.GetArrayLength());
        Assert.Equal(c.GetRawText(), delete.Json[0].GetRawText());

        Expect.Error(await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Customers/" + id), 404, "ProductNotFoundException", id);
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, """{"contact":{}}"""), 404, "ProductNotFoundException", id);
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + id), 404, "ProductNotFoundException", id);
        var list = await sandbox.ListAsync();
        Assert.Equal(new[] { keep.GetProperty("id").GetString() }, Expect.Ids(list));
    }

    public static TheoryData<string, string> MissingIds() => new()
    {
        { "GET", "PCU_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ" },
        { "PUT", "PCU_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ" },
        { "DELETE", "PCU_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ" },
        { "GET", "PCU_123" },
        { "PUT", "NOTANID" },
        { "DELETE", "PCU_12345678901234567890123456789X" },
        { "GET", "{lower}" },
        { "PUT", "{lower}" },
        { "DELETE", "{lower}" },
    };

    [Theory]
    [MemberData(nameof(MissingIds))]
    public async Task UnknownMalformedOrLowerCaseIdIsNotFoundNamingTheId(string method, string id)
    {
        var existing = await sandbox.CreateAsync(new { forename = "Ada" });
        var existingId = existing.GetProperty("id").GetString()!;
        if (id == "{lower}") id = existingId.ToLowerInvariant();
        var before = await sandbox.StoreSnapshotAsync();

        var r = await sandbox.ApiAsync(new HttpMethod(method), "/Payment/Customers/" + id, method == "PUT" ? """{"contact":{"forename":"Eve"}}""" : null);

        Expect.Error(r, 404, "ProductNotFoundException", id);
        Contract.AssertResponse(ById, method.ToLowerInvariant(), r);
        Assert.Equal(before, await sandbox.StoreSnapshotAsync());
    }

    [Theory]
    [InlineData("GET", "/api/v2/Payment/Transactions")]
    [InlineData("GET", "/api/v2/Payment/Customers/PCU_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ/contact")]
    [InlineData("POST", "/api/v2/General/Merchants")]
    [InlineData("GET", "/nothing-here")]
    public async Task UnknownRouteIsProductNotFound(string method, string path)
    {
        var request = sandbox.Request(new HttpMethod(method), path);
        request.Headers.Authorization = new("Bearer", await sandbox.TokenAsync());
        Expect.Error(await sandbox.SendAsync(request), 404, "ProductNotFoundException");
    }

    [Theory]
    [InlineData("PATCH", false)]
    [InlineData("PATCH", true)]
    [InlineData("DELETE", false)]
    [InlineData("PUT", false)]
    [InlineData("POST", true)]
    public async Task UnsupportedMethodOnAKnownPathIs405(string method, bool byId)
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada" });
        var path = byId ? "/Payment/Customers/" + c.GetProperty("id").GetString() : "/Payment/Customers";
        var before = await sandbox.StoreSnapshotAsync();
        var r = await sandbox.ApiAsync(new HttpMethod(method), path, """{"contact":{"forename":"Eve"}}""");
        Expect.Error(r, 405, "ProductNotAllowedException");
        Assert.Equal(before, await sandbox.StoreSnapshotAsync());
    }

    [Fact]
    public async Task CreateNeedsNoRequestContentType()
    {
        // The default, lenient sandbox (strict refuses this: StrictModeTests).
        await using var sandbox = await SandboxProcess.StartLenientAsync();
        var request = sandbox.Request(HttpMethod.Post, "/api/v2/Payment/Customers",
            new ByteArrayContent(Encoding.UTF8.GetBytes("""{"contact":{"forename":"Ada"}}""")));
        request.Headers.Authorization = new("Bearer", await sandbox.TokenAsync());
        Assert.Null(request.Content!.Headers.ContentType);
        var r = await sandbox.SendAsync(request);
        Assert.True(r.StatusCode == 200, r.ToString());
        Expect.CustomerRecord(r.Json);
    }

    [Fact]
    public async Task NonAsciiTextRoundTrips()
    {
        var c = await sandbox.CreateAsync(new { forename = "Zoë", surname = "Łukasiewicz-Müller", address = new { city = "Kraków" } });
        var read = await sandbox.GetCustomerAsync(c.GetProperty("id").GetString()!);
        Assert.Equal("Zoë Łukasiewicz-Müller", Expect.At(read, "contact.name"));
        Assert.Equal("Kraków", Expect.At(read, "contact.address.city"));
    }

    [Fact]
    public async Task ReadAcceptsExpand()
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada" });
        var r = await sandbox.ApiAsync(HttpMethod.Get, $"/Payment/Customers/{c.GetProperty("id").GetString()}?expand=all");
        Assert.True(r.StatusCode == 200, r.ToString());
        Assert.Equal(c.GetRawText(), r.Json.GetRawText());
    }

    [Fact]
    public async Task RepeatedSlashesInApiPathsAreMerged()
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada" });
        var request = sandbox.Request(HttpMethod.Get, "//api/v2//Payment//Customers/" + c.GetProperty("id").GetString());
        request.Headers.Authorization = new("Bearer", await sandbox.TokenAsync());
        var r = await sandbox.SendAsync(request);
        Assert.True(r.StatusCode == 200, r.ToString());
        Assert.Equal(c.GetRawText(), r.Json.GetRawText());

        var upper = sandbox.Request(HttpMethod.Get, "/API/V2/PAYMENT/customers/" + c.GetProperty("id").GetString());
        upper.Headers.Authorization = new("Bearer", await sandbox.TokenAsync());
        var u = await sandbox.SendAsync(upper);
        Assert.True(u.StatusCode == 200, u.ToString());
        Assert.Equal(c.GetRawText(), u.Json.GetRawText());
    }

    [Theory]
    [InlineData("0049-123-456789", "0049123456789")]
    [InlineData("+49 (987) 654-321", "+49987654321")]
    [InlineData("+49987654321", "+49987654321")]
    [InlineData("tel. 030/123 45", "03012345")]
    [InlineData("+49+30 1", "+49301")]
    public async Task PhoneAndMobileKeepOnlyDigitsAndALeadingPlus(string sent, string stored)
    {
        var c = await sandbox.CreateAsync(new { forename = "Ada", phone = sent, mobile = sent, fax = sent });
        Assert.Equal(stored, Expect.At(c, "contact.phone"));
        Assert.Equal(stored, Expect.At(c, "contact.mobile"));
        Assert.Equal(sent, Expect.At(c, "contact.fax"));
        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + c.GetProperty("id").GetString(), new { contact = new { phone = sent } });
        Assert.Equal(stored, Expect.At(put.Json, "contact.phone"));
    }

    [Fact]
    public async Task NullAddressMeansNoAddress()
    {
        var r = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", """{"contact":{"forename":"Ada","address":null,"mobile":null}}""");
        Assert.True(r.StatusCode == 200, r.ToString());
        Expect.CustomerRecord(r.Json);
        Assert.False(r.Json.GetProperty("contact").TryGetProperty("address", out _));
    }
}
