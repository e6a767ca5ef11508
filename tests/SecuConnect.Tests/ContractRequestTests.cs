using System.Net;
using SecuConnect.Core;
using SecuConnect.Customers;
using SecuConnect.Testing;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// Every request the Api layer sends (token, create, update, get, delete, list by offset and by scroll) checked
/// against the contract copy (tests/Contract): method and path, query parameter names and values, content type
/// and JSON body. The sandbox is lenient by default; these checks do not depend on it.
/// </summary>
public class ContractRequestTests
{
    private const string Id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";
    private const string Customer = "{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"Ada\",\"name\":\"Ada\"},\"created\":\"2024-05-02T10:49:23+02:00\"}";

    private static string Page(int? total, int from, int n, string? scrollId) =>
        "{" + (total.HasValue ? $"\"count\":{total}," : "") + "\"data\":[" +
        string.Join(",", Enumerable.Range(from, n).Select(i => $"{{\"id\":\"PCU_{i:D30}\",\"contact\":{{\"forename\":\"P{i}\"}}}}")) + "]" +
        (scrollId != null ? $",\"scroll_id\":\"{scrollId}\"" : "") + "}";

    /// <summary>A contact with every field the module models, as a user would give them (dob as a date).</summary>
    private static Contact Everything()
    {
        var c = new Contact();
        foreach (var f in CustomerFields.All) c[f] = f == CustomerFields.DateOfBirth ? "1815-12-10" : f == CustomerFields.Country ? "GB" : "v " + f.Name;
        c.Name = "Forged Name"; // server-managed: must never be sent
        return c;
    }

    private static (SecuClient Client, FakeHandler Handler) Setup(FakeHandler handler) =>
        (new SecuClient(TestConnections.Create(handler), new ApiLogQueue()), handler);

    [Fact]
    public async Task The_token_request_is_a_client_credentials_form_the_contract_declares()
    {
        var (client, handler) = Setup(new FakeHandler());
        await client.Connection.GetAccessTokenAsync(client.Log, CancellationToken.None);
        var token = Assert.Single(handler.Requests);
        Assert.Equal("/oauth/token", ContractRequests.AssertValid(token));
        var form = ContractRequests.ParseQuery(token.Body).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(TestConnections.ClientId, form["client_id"]);
        Assert.Equal(TestConnections.Secret, form["client_secret"]);
        Assert.Null(token.Bearer);
    }

    [Fact]
    public async Task Create_sends_a_PaymentCustomersDTO_with_every_modelled_field_and_nothing_else()
    {
        var (client, handler) = Setup(new FakeHandler().Then(HttpStatusCode.OK, Customer));
        await client.CreateCustomerAsync(Everything(), CancellationToken.None);
        var post = Assert.Single(handler.ApiRequests);
        Assert.Equal("POST", post.Method);
        Assert.Equal("/Payment/Customers", ContractRequests.AssertValid(post));
        Assert.Equal("", post.Query);
        using var body = System.Text.Json.JsonDocument.Parse(post.Body!);
        var contact = body.RootElement.GetProperty("contact");
        // Every modelled field reaches the wire under its contract name, the address nested.
        foreach (var f in CustomerFields.All.Where(f => !f.InAddress))
            Assert.True(contact.TryGetProperty(f.WireName, out _), $"contact.{f.WireName} missing: {post.Body}");
        foreach (var f in CustomerFields.All.Where(f => f.InAddress))
            Assert.True(contact.GetProperty("address").TryGetProperty(f.WireName, out _), $"contact.address.{f.WireName} missing: {post.Body}");
        Assert.Equal("1815-12-10", contact.GetProperty("dob").GetString());
    }

    [Fact]
    public async Task Update_sends_a_PaymentCustomersDTO_to_the_customer_path()
    {
        var (client, handler) = Setup(new FakeHandler().Then(HttpStatusCode.OK, Customer));
        await client.UpdateCustomerAsync(Id, Everything(), CancellationToken.None);
        var put = Assert.Single(handler.ApiRequests);
        Assert.Equal("PUT", put.Method);
        Assert.Equal("/Payment/Customers/{paymentCustomerId}", ContractRequests.AssertValid(put));
        Assert.EndsWith("/" + Id, put.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_of_a_customer_read_with_unmodelled_members_sends_them_back_and_stays_within_the_contract()
    {
        var read = ModelJsonRead.Customer("{\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"Ada\",\"name\":\"Ada\",\"flags\":{\"vip\":true},\"address\":{\"city\":\"London\",\"geo\":{\"lat\":1.5}}}}");
        var (client, handler) = Setup(new FakeHandler().Then(HttpStatusCode.OK, Customer));
        await client.UpdateCustomerAsync(Id, read.Contact!, CancellationToken.None);
        var put = Assert.Single(handler.ApiRequests);
        // Members the contract does not name are allowed (it sets no additionalProperties); server-managed ones are not.
        ContractRequests.AssertValid(put, SchemaUse.Request);
        Assert.Contains("\"flags\":{\"vip\":true}", put.Body);
        Assert.Contains("\"geo\":{\"lat\":1.5}", put.Body);
        Assert.Throws<Xunit.Sdk.XunitException>(() => ContractRequests.AssertValid(put, SchemaUse.ClosedRequest));
    }

    [Fact]
    public async Task Get_and_delete_address_the_customer_path_without_query_or_body()
    {
        var (client, handler) = Setup(new FakeHandler().Then(HttpStatusCode.OK, Customer).Then(HttpStatusCode.OK, "[" + Customer + "]"));
        await client.GetCustomerAsync(Id, CancellationToken.None);
        await client.DeleteCustomerAsync(Id, CancellationToken.None);
        var requests = handler.ApiRequests;
        Assert.Equal(new[] { "GET", "DELETE" }, requests.Select(r => r.Method));
        foreach (var r in requests)
        {
            Assert.Equal("/Payment/Customers/{paymentCustomerId}", ContractRequests.AssertValid(r));
            Assert.Equal("", r.Query);
            Assert.Null(r.Body);
        }
    }

    [Fact]
    public async Task An_offset_listing_sends_declared_parameters_with_valid_values()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(9, 3, 2, null))
            .Then(HttpStatusCode.OK, Page(9, 5, 1, null));
        var (client, _) = Setup(handler);
        var query = new ListQuery { Skip = 2, First = 3, PageSize = 2, Filter = "contact.surname:Lovelace AND contact.forename:A*", Sort = "contact.surname:asc,created:desc", Fields = "contact.surname,contact.address.city" };
        var items = await Task.Run(() => client.List(query, CancellationToken.None).ToList());
        Assert.Equal(3, items.Count);
        var requests = handler.ApiRequests;
        Assert.Equal(2, requests.Count);
        foreach (var r in requests) Assert.Equal("/Payment/Customers", ContractRequests.AssertValid(r));
        var first = ContractRequests.ParseQuery(requests[0].Query).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("2", first["count"]);
        Assert.Equal("2", first["offset"]);
        Assert.Equal("contact.surname:asc,created:desc", first["sort"]);
        Assert.Equal("contact.surname,contact.address.city", first["fields"]);
        Assert.False(first.ContainsKey("scroll_expire"));
        var second = ContractRequests.ParseQuery(requests[1].Query).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("1", second["count"]);
        Assert.Equal("4", second["offset"]);
    }

    [Fact]
    public async Task A_scroll_listing_opens_with_declared_parameters_and_continues_with_scroll_id_alone()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(3, 1, 2, "s1"))
            .Then(HttpStatusCode.OK, Page(null, 3, 1, "s2"));
        var (client, _) = Setup(handler);
        var query = new ListQuery { PageSize = 2, Filter = "contact.city:Berlin", Sort = "created:asc", Fields = "contact.forename" };
        var items = await Task.Run(() => client.List(query, CancellationToken.None).ToList());
        Assert.Equal(3, items.Count);
        var requests = handler.ApiRequests;
        Assert.Equal(2, requests.Count);
        foreach (var r in requests) Assert.Equal("/Payment/Customers", ContractRequests.AssertValid(r));
        var first = ContractRequests.ParseQuery(requests[0].Query).Select(p => p.Name).Order().ToArray();
        Assert.Equal(new[] { "count", "fields", "q", "scroll_expire", "sort" }, first);
        // The contract: with scroll_id, count/offset/fields/sort are not sent.
        Assert.Equal(new[] { ("scroll_id", "s1") }, ContractRequests.ParseQuery(requests[1].Query));
    }

    [Theory]
    [InlineData("GET", "/api/v2/Payment/Customers/PCU_lower", "", null, null, "paymentCustomerId")]
    [InlineData("GET", "/api/v2/payment/customers", "", null, null, "no path")]
    [InlineData("GET", "/api/v2/Payment/Customers", "count=-1", null, null, "count")]
    [InlineData("GET", "/api/v2/Payment/Customers", "page=2", null, null, "page")]
    [InlineData("GET", "/api/v2/Payment/Customers", "count=2&count=3", null, null, "twice")]
    [InlineData("PATCH", "/api/v2/Payment/Customers/PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW", "", null, null, "PATCH")]
    [InlineData("POST", "/api/v2/Payment/Customers", "", "{\"contact\":{\"forename\":\"Ada\"}}", "text/plain", "Content-Type")]
    [InlineData("POST", "/api/v2/Payment/Customers", "", "{\"contact\":{\"forename\":\"Ada\",\"name\":\"X\"}}", "application/json; charset=utf-8", "name")]
    [InlineData("POST", "/api/v2/Payment/Customers", "", "{\"contact\":{\"forename\":\"Ada\",\"nickname\":\"X\"}}", "application/json; charset=utf-8", "nickname")]
    [InlineData("POST", "/api/v2/Payment/Customers", "", "{\"contact\":{\"dob\":\"10.12.1815\"}}", "application/json; charset=utf-8", "dob")]
    [InlineData("POST", "/api/v2/Payment/Customers", "", "{\"contact\":{\"forename\":7}}", "application/json; charset=utf-8", "forename")]
    [InlineData("DELETE", "/api/v2/Payment/Customers/PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW", "", "{}", "application/json", "takes none")]
    public void The_check_itself_catches_what_the_contract_forbids(string method, string path, string query, string? body, string? contentType, string named)
    {
        var request = new RecordedRequest(method, path, query, body, "token1", contentType, "Bearer");
        var e = Assert.Throws<Xunit.Sdk.XunitException>(() => ContractRequests.AssertValid(request));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
