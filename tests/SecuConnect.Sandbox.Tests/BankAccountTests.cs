using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>Bank accounts checked as a bank would (tests/Contract/payment-containers.md, "Checks").</summary>
public sealed class BankAccountTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ApiResponse> Post(object body) => sandbox.ApiAsync(HttpMethod.Post, SandboxProcess.Containers, body);

    private static object Account(string iban, string? bic = null, string? owner = "John Doe", string type = "bank_account") =>
        new { type, @private = new { owner, iban, bic } };

    [Theory]
    [InlineData("DE89370400440532013000", "COBADEFFXXX", "Commerzbank Köln")]
    [InlineData("DE87100700000006820101", "DEUTDEBBXXX", "Deutsche Bank Berlin")]
    [InlineData("de89 3704 0044 0532 0130 00", "COBADEFFXXX", "Commerzbank Köln")]
    public async Task TheBicAndBankNameComeFromTheBankCode(string given, string bic, string bankname)
    {
        var c = await sandbox.CreateContainerAsync(Account(given));
        string iban = given.Replace(" ", "").ToUpperInvariant();
        foreach (var part in new[] { "public", "private", "mandate" }) Assert.Equal(iban, Expect.At(c, part + ".iban"));
        Assert.Equal(bic, Expect.At(c, "private.bic"));
        Assert.Equal(bic, Expect.At(c, "mandate.bic"));
        Assert.Equal(bankname, Expect.At(c, "private.bankname"));
        Assert.Equal(bankname, Expect.At(c, "public.bankname"));
    }

    [Fact]
    public async Task AnUnknownBankGetsAGenericNameAndNoBic()
    {
        var c = await sandbox.CreateContainerAsync(Account("AT611904300234573201"));
        Assert.Null(Expect.At(c, "private.bic"));
        Assert.Equal("Sandbox test bank (AT)", Expect.At(c, "private.bankname"));
        var withBic = await sandbox.CreateContainerAsync(Account("AT611904300234573201", "bkauatww"));
        Assert.Equal("BKAUATWW", Expect.At(withBic, "private.bic"));
    }

    [Fact]
    public async Task TheMandateIsCreatedWithTheContainer()
    {
        var c = await sandbox.CreateContainerAsync(Account("DE89370400440532013000"));
        var mandate = c.GetProperty("mandate");
        Assert.Matches("^[0-9]+$", mandate.GetProperty("sepa_mandate_id").GetString());
        Assert.Equal("COR", mandate.GetProperty("type").GetString());
        Assert.Equal("active", mandate.GetProperty("status").GetString());
        Assert.Equal("MREF-" + c.GetProperty("id").GetString()![4..], mandate.GetProperty("identification").GetString());
        Assert.Equal("DE98ZZZ09999999999", mandate.GetProperty("creditor_id").GetString());
        var other = await sandbox.CreateContainerAsync(Account("DE89370400440532013000"));
        Assert.NotEqual(mandate.GetProperty("sepa_mandate_id").GetString(), Expect.At(other, "mandate.sepa_mandate_id"));
    }

    public static TheoryData<string, string> BadIbans() => new()
    {
        { "DE89370400440532013001", "invalid private.iban: the check digits do not match" },
        { "DE8937040044053201300", "invalid private.iban: an IBAN of DE has 22 characters, this one 21" },
        { "AT61190430023457320", "invalid private.iban: an IBAN of AT has 20 characters, this one 19" },
        { "XX89370400440532013000", "invalid private.iban: country XX is not a SEPA country" },
        { "US89370400440532013000", "invalid private.iban: country US is not a SEPA country" },
        { "1234567890", "invalid private.iban: two letters (the country), two check digits" },
        { "DE89-3704-0044-0532-0130-00", "invalid private.iban: two letters (the country), two check digits" },
        { "", "invalid private.iban: required" },
    };

    [Theory]
    [MemberData(nameof(BadIbans))]
    public async Task ABadIbanIsA400NamingTheField(string iban, string details)
    {
        var r = await Post(Account(iban));
        Expect.Error(r, 400, "ProductFormatException", details);
        // The account number is personal data: the error names the field, never the value.
        if (iban.Length > 0) Assert.DoesNotContain(iban, r.Body);
        Assert.Equal(0, (await sandbox.ListContainersAsync()).GetProperty("count").GetInt32());
    }

    public static TheoryData<string, string, string> BadBics() => new()
    {
        { "DE89370400440532013000", "COBADEF", "invalid private.bic: 8 or 11 characters expected" },
        { "DE89370400440532013000", "COBADEFFXX", "invalid private.bic: 8 or 11 characters expected" },
        { "DE89370400440532013000", "C0BADEFF", "invalid private.bic: 8 or 11 characters expected" },
        { "DE89370400440532013000", "BNPAFRPPXXX", "invalid private.bic: the BIC's country FR is not the IBAN's DE" },
        { "DE89370400440532013000", "DEUTDEBBXXX", "invalid private.bic: the IBAN's bank code 37040044 belongs to COBADEFFXXX" },
    };

    [Theory]
    [MemberData(nameof(BadBics))]
    public async Task ABadBicIsA400NamingTheField(string iban, string bic, string details)
    {
        Expect.Error(await Post(Account(iban, bic)), 400, "ProductFormatException", details);
    }

    [Fact]
    public async Task AnotherTypeIsRefusedNamingTheSupportedOne()
    {
        var card = await Post(new { type = "credit_card", @private = new { owner = "John Doe", pan = "4111111111111111" } });
        Expect.Error(card, 400, "ProductFormatException", "unsupported type 'credit_card': the sandbox supports bank_account only");
        Expect.Error(await Post(new { @private = new { owner = "John Doe", iban = "DE89370400440532013000" } }), 400, "ProductFormatException", "invalid type: required; the sandbox supports bank_account");
    }

    [Theory]
    [InlineData("""{"type":"bank_account"}""", "invalid private: the bank account")]
    [InlineData("""{"type":"bank_account","private":{"iban":"DE89370400440532013000"}}""", "invalid private.owner: required")]
    [InlineData("""{"type":"bank_account","private":{"iban":"DE89370400440532013000","owner":7}}""", "invalid private.owner: must be a string")]
    [InlineData("""{"type":"bank_account","request_token":"yes","private":{"iban":"DE89370400440532013000","owner":"x"}}""", "invalid request_token")]
    [InlineData("""[]""", "no payload")]
    [InlineData("""{"type":"bank_account","private":{"iban":"DE89370400440532013000","owner":"x","pin":"1"}}""", "unknown field private.pin")]
    [InlineData("""{"type":"bank_account","custommer_id":"PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","private":{"iban":"DE89370400440532013000","owner":"x"}}""", "unknown field custommer_id")]
    public async Task AMalformedBodyIsA400NamingTheField(string body, string details)
    {
        Expect.Error(await sandbox.ApiAsync(HttpMethod.Post, SandboxProcess.Containers, body), 400, "ProductFormatException", details);
    }

    [Fact]
    public async Task ServerManagedMembersSentBackAreIgnored()
    {
        var c = await sandbox.CreateContainerAsync(Account("DE89370400440532013000"));
        string id = c.GetProperty("id").GetString()!;
        var put = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + id, c.GetRawText());
        Assert.True(put.StatusCode == 200, put.ToString());
        Assert.Equal(c.GetProperty("private").GetRawText(), put.Json.GetProperty("private").GetRawText());
    }

    [Fact]
    public async Task TheSameAccountTwiceForOneCustomerIsADuplicate()
    {
        string customer = (await sandbox.CreateAsync(new { forename = "Ada" })).GetProperty("id").GetString()!;
        string other = (await sandbox.CreateAsync(new { forename = "Alan" })).GetProperty("id").GetString()!;
        var first = await sandbox.CreateBankAccountAsync("DE89370400440532013000", customerId: customer);

        var again = await Post(new { type = "bank_account", customer_id = customer, @private = new { owner = "Ada", iban = "de89 3704 0044 0532 0130 00" } });
        Expect.Error(again, 400, "ProductDuplicateException", $"payment customer {customer} already has this bank account, in payment container {first.GetProperty("id").GetString()}");
        Contract.AssertResponse(SandboxProcess.Containers, "post", again);

        // Another customer, or no customer, may hold the same account (the vendor's tests store one unlinked account twice).
        await sandbox.CreateBankAccountAsync("DE89370400440532013000", customerId: other);
        await sandbox.CreateBankAccountAsync("DE89370400440532013000");
        await sandbox.CreateBankAccountAsync("DE89370400440532013000");
        Assert.Equal(4, (await sandbox.ListContainersAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ParallelCreatesStoreAnAccountOncePerCustomer()
    {
        string customer = (await sandbox.CreateAsync(new { forename = "Ada" })).GetProperty("id").GetString()!;
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Post(new { type = "bank_account", customer_id = customer, @private = new { owner = "Ada", iban = "DE89370400440532013000" } })));
        Assert.Single(answers, a => a.StatusCode == 200);
        Assert.All(answers.Where(a => a.StatusCode != 200), a => Expect.Error(a, 400, "ProductDuplicateException"));
    }
}
