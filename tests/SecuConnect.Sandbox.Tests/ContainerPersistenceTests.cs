using Microsoft.Data.Sqlite;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>--data FILE keeps containers, in their own table beside the customers'; files from before containers still open.</summary>
public sealed class ContainerPersistenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("secu-sandbox-containers-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a late file handle; the OS temp cleaner takes it */ }
    }

    [Fact]
    public async Task ContainersSurviveARestart()
    {
        var file = Path.Combine(_directory, "sandbox.db");
        string linked, gone;
        string linkedJson, customer;
        await using (var first = await SandboxProcess.StartAsync("--data", file))
        {
            customer = (await first.CreateAsync(new { forename = "Ada", surname = "Lovelace" })).GetProperty("id").GetString()!;
            linked = (await first.CreateBankAccountAsync("DE89370400440532013000", "Ada", customerId: customer)).GetProperty("id").GetString()!;
            gone = (await first.CreateBankAccountAsync("DK5750510001322617")).GetProperty("id").GetString()!;
            var put = await first.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + linked,
                new { type = "bank_account", @private = new { owner = "Ada King", iban = "DE89370400440532013000", purpose = "rent" } });
            Assert.True(put.StatusCode == 200, put.ToString());
            linkedJson = put.Json.GetRawText();
            Assert.Equal(200, (await first.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + gone)).StatusCode);
        }

        await using var second = await SandboxProcess.StartAsync("--data", file);
        Assert.Equal(linkedJson, (await second.GetContainerAsync(linked)).GetRawText());
        Expect.Error(await second.ApiAsync(HttpMethod.Get, "/Payment/Containers/" + gone), 404, "ProductNotFoundException");
        Assert.Equal(new[] { linked }, Expect.Ids(await second.ListContainersAsync()));
        // The link still holds after the restart: the customer is not deleted while it has the container.
        Expect.Error(await second.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + customer), 403, "ProductNotAllowedException", linked);
        var next = await second.CreateBankAccountAsync("FI9814283500171141");
        Assert.Equal(new[] { linked, next.GetProperty("id").GetString() }, Expect.Ids(await second.ListContainersAsync()));
    }

    [Fact]
    public async Task TheAccountAndLinkRulesHoldAfterARestart()
    {
        const string Commerzbank = "DE89370400440532013000", Deutsche = "DE02100100100006820101";
        var file = Path.Combine(_directory, "links.db");
        string from, to, moved, kept;
        await using (var first = await SandboxProcess.StartAsync("--data", file))
        {
            from = (await first.CreateAsync(new { forename = "Ada", surname = "Old" })).GetProperty("id").GetString()!;
            to = (await first.CreateAsync(new { forename = "Ada", surname = "New" })).GetProperty("id").GetString()!;
            moved = (await first.CreateBankAccountAsync(Commerzbank, customerId: from)).GetProperty("id").GetString()!;
            var put = await first.ApiAsync(HttpMethod.Put, "/Payment/Containers/" + moved,
                new { type = "bank_account", customer_id = to, @private = new { owner = "John Doe", iban = Commerzbank } });
            Assert.True(put.StatusCode == 200, put.ToString());
            kept = (await first.CreateBankAccountAsync(Commerzbank, customerId: from)).GetProperty("id").GetString()!;
            string gone = (await first.CreateBankAccountAsync(Deutsche, customerId: from)).GetProperty("id").GetString()!;
            Assert.Equal(200, (await first.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + gone)).StatusCode);
        }

        await using var second = await SandboxProcess.StartAsync("--data", file);
        Task<ApiResponse> Post(string customer, string iban) => second.ApiAsync(HttpMethod.Post, SandboxProcess.Containers,
            new { type = "bank_account", customer_id = customer, @private = new { owner = "John Doe", iban } });
        ContainerCrudTests.ExpectDuplicate(await Post(from, Commerzbank), from, kept);
        ContainerCrudTests.ExpectDuplicate(await Post(to, Commerzbank), to, moved);
        ContainerCrudTests.ExpectStillLinked(await second.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + to), to, moved);
        string readded = (await second.CreateBankAccountAsync(Deutsche, customerId: from)).GetProperty("id").GetString()!;
        ContainerCrudTests.ExpectStillLinked(await second.ApiAsync(HttpMethod.Delete, "/Payment/Customers/" + from), from, kept, readded);
    }

    [Fact]
    public async Task AFileWrittenBeforeContainersStillOpens()
    {
        // The data file as sandboxes before containers wrote it: one table, customers.
        var file = Path.Combine(_directory, "old.db");
        const string id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";
        const string json = """{"object":"payment.customers","id":"PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW","contract":{"object":"payment.contracts","id":"PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH"},"merchant":{"object":"general.merchants","id":"MRC_WVHJQFQ4JNVYNG5B55TYK748ZCHQP8"},"contact":{"forename":"John","surname":"Doe","name":"John Doe"},"created":"2024-05-02T10:49:23+00:00"}""";
        using (var db = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL);" +
                              "INSERT INTO customers (seq, id, json) VALUES (1, $id, $json);";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$json", json);
            cmd.ExecuteNonQuery();
        }

        string container;
        await using (var sandbox = await SandboxProcess.StartAsync("--data", file))
        {
            Assert.Equal(json, (await sandbox.GetCustomerAsync(id)).GetRawText());
            Assert.Equal(0, (await sandbox.ListContainersAsync()).GetProperty("count").GetInt32());
            container = (await sandbox.CreateBankAccountAsync("DE89370400440532013000", customerId: id)).GetProperty("id").GetString()!;
        }

        await using var again = await SandboxProcess.StartAsync("--data", file);
        var read = await again.GetContainerAsync(container);
        Assert.Equal(json, read.GetProperty("customer").GetRawText());
    }
}
