using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Containers and their customers (tests/Contract/payment-containers.openapi.json and payment-containers.md).</summary>
public sealed class ContainerCrudTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private const string Commerzbank = "DE89370400440532013000";

    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> NewCustomerAsync(string surname = "Lovelace") =>
        (await sandbox.CreateAsync(new { forename = "Ada", surname })).GetProperty("id").GetString()!;

    [Fact]
    public async Task ALinkedContainerEmbedsTheCustomersCurrentData()
    {
        string customer = await NewCustomerAsync();
        var container = await sandbox.CreateBankAccountAsync(Commerzbank, "Ada Lovelace", customerId: customer);
        string id = container.GetProperty("id").GetString()!;
        Assert.Equal((await sandbox.GetCustomerAsync(customer)).GetRawText(), container.GetProperty("customer").GetRawText());

        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + customer, new { contact = new { forename = "Ada", surname = "King" } });
        Assert.True(put.StatusCode == 200, put.ToString());

        var read = await sandbox.GetContainerAsync(id);
        Assert.Equal(put.Json.GetRawText(), read.GetProperty("customer").GetRawText());
        Assert.Equal("Ada King", Expect.At(read, "customer.contact.name"));
        var listed = await sandbox.ListContainersAsync();
        Assert.Equal(read.GetRawText(), listed.GetProperty("data")[0].GetRawText());
    }

    [Fact]
    public async Task CustomerIdLinksLikeCustomerObject()
    {
        string customer = await NewCustomerAsync();
        var c = await sandbox.CreateContainerAsync(new { type = "bank_account", customer_id = customer, @private = new { owner = "Ada", iban = Commerzbank } });
        Assert.Equal(customer, Expect.At(c, "customer.id"));
        var both = await sandbox.CreateContainerAsync(new { type = "bank_account", customer = new { id = customer }, customer_id = customer, @private = new { owner = "Ada", iban = "DE02100100100006820101" } });
        Assert.Equal(customer, Expect.At(both, "customer.id"));
    }

    public static TheoryData<string, string> BadCustomers() => new()
    {
        { """{"customer":{"id":"PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""", "payment customer PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA not found" },
        { """{"customer_id":"PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "payment customer PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA not found" },
        { """{"customer":{"id":"pcu_1"}}""", "invalid customer.id" },
        { """{"customer_id":"PCU_1"}""", "invalid customer_id" },
        { """{"customer":"PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "invalid customer" },
        { """{"customer":{"id":"PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},"customer_id":"PCU_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"}""", "customer.id and customer_id name different customers" },
    };

    [Theory]
    [MemberData(nameof(BadCustomers))]
    public async Task AnUnknownOrMalformedCustomerIsA400(string customerPart, string details)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(customerPart)!;
        body["type"] = JsonSerializer.SerializeToElement("bank_account");
        body["private"] = JsonSerializer.SerializeToElement(new { owner = "Ada", iban = Commerzbank });
        var r = await sandbox.ApiAsync(HttpMethod.Post, SandboxProcess.Containers, body);
        Expect.Error(r, 400, "ProductFormatException", details);
        Contract.AssertResponse(SandboxProcess.Containers, "post", r);
        Assert.Equal(0, (await sandbox.ListContainersAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task QueryByCustomerIdListsTheCustomersContainers()
    {
        string ada = await NewCustomerAsync(), alan = await NewCustomerAsync("Turing");
        var first = await sandbox.CreateBankAccountAsync(Commerzbank, customerId: ada);
        await sandbox.CreateBankAccountAsync("DE02100100100006820101", customerId: alan);
        var second = await sandbox.CreateBankAccountAsync("DE02100100100006820101", customerId: ada);
        await sandbox.CreateBankAccountAsync(Commerzbank);

        var list = await sandbox.ListContainersAsync("?q=customer.id:" + ada);
        Assert.Equal(2, list.GetProperty("count").GetInt32());
        Assert.Equal(new[] { first.GetProperty("id").GetString(), second.GetProperty("id").GetString() }, Expect.Ids(list));
        var bySurname = await sandbox.ListContainersAsync("?q=customer.contact.surname:turing");
        Assert.Equal(1, bySurname.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ACustomerWithContainersIsNotDeleted()
    {
        string customer = await NewCustomerAsync();
        var container = await sandbox.CreateBankAccountAsync(Commerzbank, customerId: customer);
        string id = container.GetProperty("id").GetString()!;

        var refused = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + customer);
        Expect.Error(refused, 403, "ProductNotAllowedException", id);
        Assert.Contains("delete them first", refused.Json.GetProperty("error_details").GetString());
        await sandbox.GetCustomerAsync(customer);
        Assert.Equal(customer, Expect.At(await sandbox.GetContainerAsync(id), "customer.id"));

        Assert.Equal(200, (await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + id)).StatusCode);
        Assert.Equal(200, (await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + customer)).StatusCode);
    }

    [Fact]
    public async Task PutKeepsTheLinkAndTheMandateAndRefusesAnotherIban()
    {
        string customer = await NewCustomerAsync();
        var container = await sandbox.CreateBankAccountAsync(Commerzbank, "Ada", customerId: customer);
        string id = container.GetProperty("id").GetString()!;

        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + id,
            new { type = "bank_account", @private = new { owner = "Ada King", iban = "de89 3704 0044 0532 0130 00", purpose = "rent" } });
        Assert.True(put.StatusCode == 200, put.ToString());
        Contract.AssertResponse(SandboxProcess.ContainerById, "put", put);
        Assert.Equal(customer, Expect.At(put.Json, "customer.id"));
        Assert.Equal("Ada King", Expect.At(put.Json, "private.owner"));
        Assert.Equal("rent", Expect.At(put.Json, "private.purpose"));
        Assert.Equal(container.GetProperty("mandate").GetRawText(), put.Json.GetProperty("mandate").GetRawText());

        var other = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + id,
            new { type = "bank_account", @private = new { owner = "Ada King", iban = "DE02100100100006820101" } });
        Expect.Error(other, 400, "ProductFormatException", "private.iban");
        Assert.Contains("cannot change", other.Json.GetProperty("error_details").GetString());
        Assert.Equal(Commerzbank, Expect.At(await sandbox.GetContainerAsync(id), "private.iban"));
    }

    [Fact]
    public async Task PutLinksAnUnlinkedContainerUnlessTheCustomerHasTheAccount()
    {
        string customer = await NewCustomerAsync();
        var linked = await sandbox.CreateBankAccountAsync(Commerzbank, customerId: customer);
        var loose = await sandbox.CreateBankAccountAsync(Commerzbank);
        var other = await sandbox.CreateBankAccountAsync("DE02100100100006820101");

        var duplicate = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + loose.GetProperty("id").GetString(),
            new { type = "bank_account", customer_id = customer, @private = new { owner = "John Doe", iban = Commerzbank } });
        Expect.Error(duplicate, 400, "ProductDuplicateException", linked.GetProperty("id").GetString());

        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + other.GetProperty("id").GetString(),
            new { type = "bank_account", customer = new { id = customer }, @private = new { owner = "John Doe", iban = "DE02100100100006820101" } });
        Assert.True(put.StatusCode == 200, put.ToString());
        Assert.Equal(customer, Expect.At(put.Json, "customer.id"));
        Assert.Equal(2, (await sandbox.ListContainersAsync("?q=customer.id:" + customer)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ADeletedContainersAccountMayBeStoredAgainForItsCustomer()
    {
        string customer = await NewCustomerAsync();
        string first = Id(await sandbox.CreateBankAccountAsync(Commerzbank, customerId: customer));
        Assert.Equal(200, (await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + first)).StatusCode);

        string second = Id(await sandbox.CreateBankAccountAsync(Commerzbank, customerId: customer));
        ExpectDuplicate(await PostAccountAsync(customer, Commerzbank), customer, second);
        ExpectStillLinked(await DeleteCustomerAsync(customer), customer, second);
    }

    [Fact]
    public async Task PutMovesTheAccountFromTheOldCustomerToTheNewOne()
    {
        string from = await NewCustomerAsync("Old");
        string to = await NewCustomerAsync("New");
        string moved = Id(await sandbox.CreateBankAccountAsync(Commerzbank, customerId: from));

        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + moved,
            new { type = "bank_account", customer_id = to, @private = new { owner = "John Doe", iban = Commerzbank } });
        Assert.True(put.StatusCode == 200, put.ToString());

        ExpectDuplicate(await PostAccountAsync(to, Commerzbank), to, moved);
        ExpectStillLinked(await DeleteCustomerAsync(to), to, moved);
        string again = Id(await sandbox.CreateBankAccountAsync(Commerzbank, customerId: from));
        ExpectStillLinked(await DeleteCustomerAsync(from), from, again);
        Assert.Equal(200, (await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + again)).StatusCode);
        Assert.Equal(200, (await DeleteCustomerAsync(from)).StatusCode);
    }

    [Fact]
    public async Task AfterAResetNoAccountOrLinkBlocks()
    {
        string before = await NewCustomerAsync();
        await sandbox.CreateBankAccountAsync(Commerzbank, customerId: before);
        await sandbox.ResetAsync();

        string customer = await NewCustomerAsync();
        string container = Id(await sandbox.CreateBankAccountAsync(Commerzbank, customerId: customer));
        ExpectDuplicate(await PostAccountAsync(customer, Commerzbank), customer, container);
        Assert.Equal(200, (await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + container)).StatusCode);
        Assert.Equal(200, (await DeleteCustomerAsync(customer)).StatusCode);
    }

    private static string Id(JsonElement record) => record.GetProperty("id").GetString()!;

    private Task<ApiResponse> PostAccountAsync(string customer, string iban) =>
        sandbox.ApiAsync(HttpMethod.Post, SandboxProcess.Containers, new { type = "bank_account", customer_id = customer, @private = new { owner = "John Doe", iban } });

    private Task<ApiResponse> DeleteCustomerAsync(string customer) => sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + customer);

    internal static void ExpectDuplicate(ApiResponse r, string customer, string holder) =>
        Expect.Error(r, 400, "ProductDuplicateException", $"payment customer {customer} already has this bank account, in payment container {holder}");

    /// <summary>The customer delete refused, naming exactly the containers still linked.</summary>
    internal static void ExpectStillLinked(ApiResponse r, string customer, params string[] containers) =>
        Expect.Error(r, 403, "ProductNotAllowedException",
            $"payment customer {customer} still has {containers.Length} payment container(s) ({string.Join(", ", containers)}): delete them first");

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task AnUnknownIdIs404(string method)
    {
        const string id = "PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var body = method == "PUT" ? new { type = "bank_account", @private = new { owner = "x", iban = Commerzbank } } : null;
        var r = body == null
            ? await sandbox.ApiAsync(new HttpMethod(method), "/Payment/Containers/" + id)
            : await sandbox.ApiAsync(new HttpMethod(method), "/Payment/Containers/" + id, body);
        Expect.Error(r, 404, "ProductNotFoundException", "payment container " + id);
        Contract.AssertResponse(SandboxProcess.ContainerById, method.ToLowerInvariant(), r);
    }

    [Fact]
    public async Task ContainersNeedAToken()
    {
        var request = sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Containers");
        Expect.AuthFailure(await sandbox.SendAsync(request));
    }

    [Fact]
    public async Task AnotherMethodIs405()
    {
        var r = await sandbox.ApiAsync(HttpMethod.Patch, "/Payment/Containers/PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "{}");
        Expect.Error(r, 405, "ProductNotAllowedException");
    }

    [Fact]
    public async Task TheRequestLogAndFaultsCoverContainers()
    {
        await sandbox.AddFaultAsync(new { status = 502, method = "POST", pathPrefix = "/api/v2/Payment/Containers", phase = "after", count = 1 });
        await sandbox.ClearLogAsync();
        var lost = await sandbox.ApiAsync(HttpMethod.Post, SandboxProcess.Containers, new { type = "bank_account", @private = new { owner = "Ada", iban = Commerzbank } });
        Assert.Equal(502, lost.StatusCode);
        // The change was applied before the answer was lost.
        Assert.Equal(1, (await sandbox.ListContainersAsync()).GetProperty("count").GetInt32());
        var log = await sandbox.RequestLogAsync();
        var posts = log.EnumerateArray().Where(e => e.GetProperty("method").GetString() == "POST" && e.GetProperty("path").GetString() == "/api/v2/Payment/Containers").ToList();
        Assert.Single(posts);
        Assert.Equal(502, posts[0].GetProperty("status").GetInt32());
        Assert.DoesNotContain(Commerzbank, log.GetRawText());
    }

    [Fact]
    public async Task StrictAndTheBodyLimitHoldForContainers()
    {
        var plain = sandbox.Request(HttpMethod.Post, "/api/v2/Payment/Containers",
            new StringContent("""{"type":"bank_account","private":{"owner":"Ada","iban":"DE89370400440532013000"}}""", System.Text.Encoding.UTF8, "text/plain"));
        plain.Headers.Authorization = new("Bearer", await sandbox.TokenAsync());
        Expect.Error(await sandbox.SendAsync(plain), 415, "ProductFormatException", "application/json");

        await Expect.BodyOverLimitAsync(sandbox, () => sandbox.ApiAsync(HttpMethod.Post, SandboxProcess.Containers,
            new { type = "bank_account", @private = new { owner = new string('x', 1_100_000), iban = Commerzbank } }));
        Assert.Equal(0, (await sandbox.ListContainersAsync()).GetProperty("count").GetInt32());
    }
}
