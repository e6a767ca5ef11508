using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>
/// The vendor's own CRUD tests (secuconnect-php-sdk 2.63.0 test/Api/PaymentContainersApiTest.php and
/// PaymentCustomersApiTest.php, with their shared setup SecuconnectObjects.php), request for request and assertion for
/// assertion, in the order PHPUnit runs them. The js-sdk's tests of these APIs are generated stubs with no request.
/// </summary>
public sealed class VendorWalkthroughTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private const string Owner = "John Doe";
    private const string Iban = "DE37503240001000000524";
    private const string Bic = "FTSBDEFAXXX";

    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>SecuconnectObjects::getInstance(): a container (the same unlinked account the tests store again) and a customer.</summary>
    private async Task SharedSetupAsync()
    {
        await sandbox.CreateContainerAsync(new { type = "bank_account", @private = new { owner = Owner, iban = Iban, bic = Bic } });
        await sandbox.CreateAsync(new { forename = "John", surname = "Doe", companyname = "Example Inc.", email = "mail@example.com" });
    }

    private Task<ApiResponse> Post(object body) => sandbox.ApiAsync(HttpMethod.Post, SandboxProcess.Containers, body);

    private static void AssertBankAccount(JsonElement part, string owner, string iban, string bic, string bankname)
    {
        Assert.Equal(owner, part.GetProperty("owner").GetString());
        Assert.Equal(iban, part.GetProperty("iban").GetString());
        Assert.Equal(bic, part.GetProperty("bic").GetString());
        Assert.Equal(bankname, part.GetProperty("bankname").GetString());
    }

    private static void AssertMandate(JsonElement container)
    {
        var mandate = container.GetProperty("mandate");
        Assert.NotEmpty(mandate.GetProperty("sepa_mandate_id").GetString()!);
        Assert.NotEmpty(mandate.GetProperty("type").GetString()!);
        Assert.NotEmpty(mandate.GetProperty("identification").GetString()!);
    }

    [Fact]
    public async Task PaymentContainersApiTest()
    {
        await SharedSetupAsync();
        var dto = new { type = "bank_account", @private = new { owner = Owner, iban = Iban, bic = Bic } };

        // testPaymentContainersPost
        var post = await Post(dto);
        Assert.True(post.StatusCode == 200, post.ToString());
        Contract.AssertResponse(SandboxProcess.Containers, "post", post);
        var created = post.Json;
        string id = created.GetProperty("id").GetString()!;
        Assert.NotEmpty(id);
        Assert.Equal("payment.containers", created.GetProperty("object").GetString());
        Assert.False(created.TryGetProperty("customer", out _));
        var bankAccount = created.GetProperty("private");
        Assert.NotEmpty(bankAccount.GetProperty("owner").GetString()!);
        Assert.NotEmpty(bankAccount.GetProperty("iban").GetString()!);
        Assert.NotEmpty(bankAccount.GetProperty("bic").GetString()!);
        string bankname = bankAccount.GetProperty("bankname").GetString()!;
        Assert.NotEmpty(bankname);
        AssertBankAccount(created.GetProperty("public"), Owner, Iban, Bic, bankname);
        Assert.Equal("bank_account", created.GetProperty("type").GetString());
        string createdAt = created.GetProperty("created").GetString()!;
        Assert.NotEmpty(createdAt);
        AssertMandate(created);

        // testPaymentContainersIdPut: the owner renamed
        const string renamed = "John Doe";
        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + id,
            new { type = "bank_account", @private = new { owner = renamed, iban = Iban, bic = Bic } });
        Assert.True(put.StatusCode == 200, put.ToString());
        Contract.AssertResponse(SandboxProcess.ContainerById, "put", put);
        Assert.Equal("payment.containers", put.Json.GetProperty("object").GetString());
        Assert.NotEmpty(put.Json.GetProperty("id").GetString()!);
        AssertBankAccount(put.Json.GetProperty("private"), renamed, Iban, Bic, bankname);
        AssertBankAccount(put.Json.GetProperty("public"), renamed, Iban, Bic, bankname);
        Assert.Equal("bank_account", put.Json.GetProperty("type").GetString());
        Assert.Equal(createdAt, put.Json.GetProperty("created").GetString());
        Assert.NotEmpty(put.Json.GetProperty("updated").GetString()!);
        AssertMandate(put.Json);

        // testPaymentContainersGetById
        var read = await sandbox.GetContainerAsync(id);
        Assert.Equal("payment.containers", read.GetProperty("object").GetString());
        Assert.Equal(id, read.GetProperty("id").GetString());
        AssertBankAccount(read.GetProperty("private"), renamed, Iban, Bic, bankname);
        AssertBankAccount(read.GetProperty("public"), renamed, Iban, Bic, bankname);
        Assert.Equal("bank_account", read.GetProperty("type").GetString());
        Assert.Equal(createdAt, read.GetProperty("created").GetString());

        // testPaymentContainersGet
        var list = await sandbox.ListContainersAsync();
        Assert.Equal(JsonValueKind.Number, list.GetProperty("count").ValueKind);
        foreach (var container in list.GetProperty("data").EnumerateArray())
        {
            Assert.Equal("payment.containers", container.GetProperty("object").GetString());
            Assert.NotEmpty(container.GetProperty("id").GetString()!);
            Assert.NotEmpty(container.GetProperty("created").GetString()!);
            Assert.Equal("bank_account", container.GetProperty("type").GetString());
            Assert.NotEmpty(container.GetProperty("private").GetProperty("iban").GetString()!);
        }

        // testPaymentContainersGetCountQueryParam: accounts of three more countries, then count=2
        var others = new List<string>();
        foreach (var (iban, bic) in new[] { ("DK5750510001322617", "JYBADKKK"), ("EE342200221034126658", "HABAEE2X"), ("FI9814283500171141", "NDEAFIHH") })
        {
            var r = await Post(new { type = "bank_account", @private = new { owner = renamed, iban, bic } });
            Assert.True(r.StatusCode == 200, r.ToString());
            others.Add(r.Json.GetProperty("id").GetString()!);
            Assert.NotEmpty(others[^1]);
        }
        var two = await sandbox.ListContainersAsync("?count=2");
        Assert.Equal(2, two.GetProperty("data").GetArrayLength());

        // testPaymentContainersGetOffsetQueryParam
        var first = await sandbox.ListContainersAsync();
        var shifted = await sandbox.ListContainersAsync("?offset=1");
        Assert.Equal(first.GetProperty("data")[1].GetRawText(), shifted.GetProperty("data")[0].GetRawText());
        foreach (var other in others)
        {
            var d = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + other);
            Assert.True(d.StatusCode == 200, d.ToString());
        }

        // testPaymentContainersIdDelete
        var delete = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + id);
        Assert.True(delete.StatusCode == 200, delete.ToString());
        Contract.AssertResponse(SandboxProcess.ContainerById, "delete", delete);
        Assert.Equal(JsonValueKind.Array, delete.Json.ValueKind);
        var deleted = delete.Json[0];
        Assert.Equal("payment.containers", deleted.GetProperty("object").GetString());
        Assert.Equal(id, deleted.GetProperty("id").GetString());
        AssertBankAccount(deleted.GetProperty("private"), renamed, Iban, Bic, bankname);
        AssertBankAccount(deleted.GetProperty("public"), renamed, Iban, Bic, bankname);
        Assert.Equal("bank_account", deleted.GetProperty("type").GetString());
        Assert.Equal(createdAt, deleted.GetProperty("created").GetString());
    }

    [Fact]
    public async Task PaymentCustomersApiTest()
    {
        await SharedSetupAsync();
        var address = new { street = "Example Street", street_number = "6a", postal_code = "01234", city = "Examplecity", country = "DE" };
        var contact = new
        {
            salutation = "Mr.", title = "Dr.", forename = "John", surname = "DOe", companyname = "Example Inc.", dob = "1991-02-03",
            email = "example@example.com", phone = "0049-123-456789", mobile = "0049-987-654321", address,
        };

        // testPaymentCustomersPost
        var post = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", new { contact });
        Assert.True(post.StatusCode == 200, post.ToString());
        Contract.AssertResponse("/Payment/Customers", "post", post);
        string id = post.Json.GetProperty("id").GetString()!;
        Assert.NotEmpty(id);
        Assert.Equal("payment.customers", post.Json.GetProperty("object").GetString());
        AssertContact(post.Json.GetProperty("contact"), "Mr.", "Dr.", "John", "DOe", "Example Inc.", "1991-02-03T00:00:00+00:00",
            "example@example.com", "0049123456789", "0049987654321", "Example Street", "6a", "01234", "Examplecity", "DE");
        string createdAt = post.Json.GetProperty("created").GetString()!;
        Assert.NotEmpty(createdAt);

        // testPaymentCustomersIdPut
        var newAddress = new { street = "Example Street", street_number = "125b", postal_code = "75432", city = "Examplecity2", country = "AT" };
        var newContact = new
        {
            salutation = "Mrs.", title = "Prof.", forename = "Anna", surname = "Smith", companyname = "Example2 Inc.", dob = "1902-03-04",
            email = "new.email@my-email.com", phone = "0049-321-31701", mobile = "0049-537-144093", address = newAddress,
        };
        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, new { contact = newContact });
        Assert.True(put.StatusCode == 200, put.ToString());
        Assert.Equal("payment.customers", put.Json.GetProperty("object").GetString());
        Assert.Equal(id, put.Json.GetProperty("id").GetString());
        AssertUpdated(put.Json.GetProperty("contact"));
        Assert.Equal(createdAt, put.Json.GetProperty("created").GetString());
        string updatedAt = put.Json.GetProperty("updated").GetString()!;
        Assert.NotEmpty(updatedAt);

        // testPaymentCustomersGetById
        var read = await sandbox.GetCustomerAsync(id);
        Assert.Equal(id, read.GetProperty("id").GetString());
        Assert.Equal("payment.customers", read.GetProperty("object").GetString());
        AssertUpdated(read.GetProperty("contact"));
        Assert.Equal(createdAt, read.GetProperty("created").GetString());
        Assert.Equal(updatedAt, read.GetProperty("updated").GetString());

        // testPaymentCustomersIdDelete
        var delete = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + id);
        Assert.True(delete.StatusCode == 200, delete.ToString());
        Assert.Equal(JsonValueKind.Array, delete.Json.ValueKind);
        Assert.Equal("payment.customers", delete.Json[0].GetProperty("object").GetString());
        Assert.Equal(id, delete.Json[0].GetProperty("id").GetString());
        AssertUpdated(delete.Json[0].GetProperty("contact"));
        Assert.Equal(createdAt, delete.Json[0].GetProperty("created").GetString());
        Assert.Equal(updatedAt, delete.Json[0].GetProperty("updated").GetString());

        // testPaymentCustomersGet
        var list = await sandbox.ListAsync();
        Assert.Equal(JsonValueKind.Number, list.GetProperty("count").ValueKind);
        foreach (var customer in list.GetProperty("data").EnumerateArray())
        {
            Assert.NotEmpty(customer.GetProperty("object").GetString()!);
            Assert.NotEmpty(customer.GetProperty("id").GetString()!);
            Assert.NotEmpty(customer.GetProperty("created").GetString()!);
        }

        // testPaymentCustomersGetCountQueryParam: the updated contact three times, then count=2
        var more = new List<string>();
        for (int i = 0; i < 3; i++) more.Add((await sandbox.CreateAsync(newContact)).GetProperty("id").GetString()!);
        Assert.Equal(2, (await sandbox.ListAsync("?count=2")).GetProperty("data").GetArrayLength());

        // testPaymentCustomersGetOffsetQueryParam
        var first = await sandbox.ListAsync();
        var shifted = await sandbox.ListAsync("?offset=1");
        Assert.Equal(first.GetProperty("data")[1].GetRawText(), shifted.GetProperty("data")[0].GetRawText());
        foreach (var other in more)
        {
            var d = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + other);
            Assert.True(d.StatusCode == 200, d.ToString());
        }
    }

    private static void AssertUpdated(JsonElement c) =>
        AssertContact(c, "Mrs.", "Prof.", "Anna", "Smith", "Example2 Inc.", "1902-03-04T00:00:00+00:00",
            "new.email@my-email.com", "004932131701", "0049537144093", "Example Street", "125b", "75432", "Examplecity2", "AT");

    private static void AssertContact(JsonElement c, string salutation, string title, string forename, string surname, string company,
        string dob, string email, string phone, string mobile, string street, string number, string postalCode, string city, string country)
    {
        Assert.Equal(salutation, c.GetProperty("salutation").GetString());
        Assert.Equal(title, c.GetProperty("title").GetString());
        Assert.Equal(forename, c.GetProperty("forename").GetString());
        Assert.Equal(surname, c.GetProperty("surname").GetString());
        Assert.Equal(company, c.GetProperty("companyname").GetString());
        Assert.Equal(dob, c.GetProperty("dob").GetString());
        Assert.Equal(email, c.GetProperty("email").GetString());
        Assert.Equal(phone, c.GetProperty("phone").GetString());
        Assert.Equal(mobile, c.GetProperty("mobile").GetString());
        Assert.Equal(street, Expect.At(c, "address.street"));
        Assert.Equal(number, Expect.At(c, "address.street_number"));
        Assert.Equal(postalCode, Expect.At(c, "address.postal_code"));
        Assert.Equal(city, Expect.At(c, "address.city"));
        Assert.Equal(country, Expect.At(c, "address.country"));
    }
}
