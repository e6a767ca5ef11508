using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Web;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>Invoke-SecuConnectRequest's pieces: path resolution, body and query building, and the generic client.</summary>
public class ApiPathsTests
{
    private static readonly Uri Base = new("https://connect.secucard.com");

    private static string Resolve(string baseUri, string path, out List<KeyValuePair<string, string>> query) =>
        ApiPaths.Resolve(new Uri(baseUri), path, out query).ToString();

    [Theory]
    [InlineData("Payment/Containers", "https://connect.secucard.com/api/v2/Payment/Containers")]
    [InlineData("Payment/Containers/PCT_WP2PX3WK3QXA5NXF9VZ3NVMTFNE3N8", "https://connect.secucard.com/api/v2/Payment/Containers/PCT_WP2PX3WK3QXA5NXF9VZ3NVMTFNE3N8")]
    [InlineData("/api/v2/Payment/Transactions", "https://connect.secucard.com/api/v2/Payment/Transactions")]
    [InlineData("api/v2/Payment/Transactions", "https://connect.secucard.com/api/v2/Payment/Transactions")]
    [InlineData("/API/V2/Payment/Transactions", "https://connect.secucard.com/api/v2/Payment/Transactions")]
    [InlineData("  Payment/Containers  ", "https://connect.secucard.com/api/v2/Payment/Containers")]
    [InlineData("Payment/Customers/../Containers", "https://connect.secucard.com/api/v2/Payment/Containers")]
    [InlineData("https://connect.secucard.com/api/v2/Payment/Containers", "https://connect.secucard.com/api/v2/Payment/Containers")]
    [InlineData("https://CONNECT.secucard.com:443/api/v2/Payment/Containers", "https://connect.secucard.com/api/v2/Payment/Containers")]
    [InlineData("Payment\\Containers", "https://connect.secucard.com/api/v2/Payment/Containers")]
    [InlineData("/Payment/Containers", "https://connect.secucard.com/api/v2/Payment/Containers")]
    [InlineData("/apiary/Payment", "https://connect.secucard.com/api/v2/apiary/Payment")]
    public void Paths_resolve_under_api_v2(string path, string expected)
    {
        Assert.Equal(expected, Resolve("https://connect.secucard.com", path, out var query));
        Assert.Empty(query);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "Payment/Containers", "http://127.0.0.1:5080/api/v2/Payment/Containers")]
    [InlineData("http://127.0.0.1:5080/", "/api/v2/Payment/Containers", "http://127.0.0.1:5080/api/v2/Payment/Containers")]
    [InlineData("https://example.test/secu", "Payment/Containers", "https://example.test/secu/api/v2/Payment/Containers")]
    [InlineData("https://example.test/secu", "/secu/api/v2/Payment/Containers", "https://example.test/secu/api/v2/Payment/Containers")]
    [InlineData("https://example.test/secu", "/api/v2/Payment/Containers", "https://example.test/secu/api/v2/Payment/Containers")]
    [InlineData("https://example.test/secu", "https://example.test/secu/api/v2/Payment/Containers", "https://example.test/secu/api/v2/Payment/Containers")]
    public void The_base_uri_keeps_its_port_and_path(string baseUri, string path, string expected) =>
        Assert.Equal(expected, Resolve(baseUri, path, out _));

    [Theory]
    [InlineData("http://connect.secucard.com/api/v2/Payment/Containers")]   // another scheme
    [InlineData("https://connect.secucard.com:8443/api/v2/Payment/Containers")] // another port
    [InlineData("https://evil.example/api/v2/Payment/Containers")]
    [InlineData("https://connect.secucard.com.evil.example/api/v2/Payment/Containers")]
    [InlineData("https://user:pw@connect.secucard.com/api/v2/Payment/Containers")]
    [InlineData("//evil.example/api/v2/Payment/Containers")]
    [InlineData("\\\\evil.example\\api\\v2")]
    [InlineData("ftp://connect.secucard.com/api/v2/Payment/Containers")]
    public void Other_origins_are_ForeignUrl(string path)
    {
        var ex = Assert.Throws<SecuApiException>(() => ApiPaths.Resolve(Base, path, out _));
        Assert.Equal("ForeignUrl", ex.ErrorId);
        Assert.Equal(SecuErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("https://connect.secucard.com", ex.Message);
    }

    [Theory]
    [InlineData("Payment/../../oauth/token")]
    [InlineData("../v1/Payment/Containers")]
    [InlineData("..\\..\\oauth\\token")]
    [InlineData("Payment/%2e%2e/%2E%2E/oauth/token")]
    [InlineData("Payment/Containers%2F..%2F..%2Foauth")]
    [InlineData("/oauth/token")]
    [InlineData("/api/v2x/Payment")]
    [InlineData("/api/v1/Payment/Customers")]
    [InlineData("/oauth")]
    [InlineData("https://connect.secucard.com/oauth/token")]
    [InlineData("https://connect.secucard.com/api/v2/../../oauth/token")]
    [InlineData("Payment/Containers#fragment")]
    [InlineData("")]
    [InlineData("   ")]
    public void Paths_that_leave_api_v2_are_InvalidPath(string path)
    {
        var ex = Assert.Throws<SecuApiException>(() => ApiPaths.Resolve(Base, path, out _));
        Assert.Equal("InvalidPath", ex.ErrorId);
        Assert.Contains("No request was sent", ex.Message);
    }

    [Fact]
    public void The_query_string_of_a_path_comes_back_as_pairs_decoded_as_the_API_decodes_them()
    {
        var uri = ApiPaths.Resolve(Base, "Payment/Containers?q=customer.id:PCU_1+AND+type:bank_account&count=5&fields", out var query);
        Assert.Equal("https://connect.secucard.com/api/v2/Payment/Containers", uri.ToString());
        Assert.Equal(new[]
        {
            new KeyValuePair<string, string>("q", "customer.id:PCU_1 AND type:bank_account"),
            new KeyValuePair<string, string>("count", "5"),
            new KeyValuePair<string, string>("fields", ""),
        }, query);
    }

    [Fact]
    public void Query_parameters_override_the_path_s_own_and_are_encoded()
    {
        var merged = ApiPaths.Merge(
            new[] { new KeyValuePair<string, string>("count", "1"), new KeyValuePair<string, string>("sort", "created:desc") },
            new[] { new KeyValuePair<string, string>("count", "3"), new KeyValuePair<string, string>("q", "a b&c=d") });
        var uri = ApiPaths.WithQuery(new Uri("https://connect.secucard.com/api/v2/Payment/Containers"), merged);
        Assert.Equal("?sort=created%3Adesc&count=3&q=a%20b%26c%3Dd", uri.Query);
        var parsed = HttpUtility.ParseQueryString(uri.Query);
        Assert.Equal("a b&c=d", parsed["q"]);
    }
}

public class RequestInputTests
{
    [Fact]
    public void A_hashtable_becomes_JSON_with_its_names_as_given()
    {
        var address = new OrderedDictionary { { "postal_code", "50-000" }, { "street_number", "14" } };
        var body = new OrderedDictionary
        {
            { "contact", new OrderedDictionary { { "forename", "Hacker" }, { "surname", "John R." }, { "address", address } } },
            { "amount", 1250 },
            { "price", 12.5m },
            { "active", true },
            { "tags", new object[] { "a", 2, null! } },
            { "note", null },
        };
        Assert.Equal("{\"contact\":{\"forename\":\"Hacker\",\"surname\":\"John R.\",\"address\":{\"postal_code\":\"50-000\",\"street_number\":\"14\"}}," +
                     "\"amount\":1250,\"price\":12.5,\"active\":true,\"tags\":[\"a\",2,null],\"note\":null}",
            RequestInput.BodyJson(body));
    }

    [Fact]
    public void A_pscustomobject_keeps_its_property_names_and_order()
    {
        var contact = new PSObject();
        contact.Properties.Add(new PSNoteProperty("Forename", "Ada"));
        contact.Properties.Add(new PSNoteProperty("url_website", "www.example.com"));
        var body = new PSObject();
        body.Properties.Add(new PSNoteProperty("contact", contact));
        Assert.Equal("{\"contact\":{\"Forename\":\"Ada\",\"url_website\":\"www.example.com\"}}", RequestInput.BodyJson(body));
    }

    [Fact]
    public void A_JSON_string_is_sent_as_it_is()
    {
        const string json = "{ \"contact\" : { \"forename\" : \"Ada\" } }";
        Assert.Same(json, RequestInput.BodyJson(json));
        Assert.Same(json, RequestInput.BodyJson(PSObject.AsPSObject(json)));
    }

    [Theory]
    [InlineData("{\"contact\": ")]
    [InlineData("forename=Ada")]
    [InlineData("")]
    public void A_string_that_is_not_JSON_is_refused(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => RequestInput.BodyJson(text));
        Assert.Contains("not JSON", ex.Message);
    }

    [Fact]
    public void Null_is_no_body() => Assert.Null(RequestInput.BodyJson(null));

    [Fact]
    public void Dates_enums_bytes_and_guids_become_the_text_the_API_takes()
    {
        var body = new OrderedDictionary
        {
            { "dob", new DateTime(1901, 2, 3) },
            { "at", new DateTimeOffset(2018, 2, 13, 11, 52, 13, TimeSpan.FromHours(1)) },
            { "kind", DayOfWeek.Monday },
            { "content", new byte[] { 1, 2, 3 } },
            { "ref", new Guid("11111111-2222-3333-4444-555555555555") },
        };
        Assert.Equal("{\"dob\":\"1901-02-03\",\"at\":\"2018-02-13T11:52:13+01:00\",\"kind\":\"Monday\",\"content\":\"AQID\",\"ref\":\"11111111-2222-3333-4444-555555555555\"}",
            RequestInput.BodyJson(body));
    }

    [Fact]
    public void Values_keep_their_JSON_type_under_any_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("{\"amount\":1.5}", RequestInput.BodyJson(new Hashtable { { "amount", 1.5 } }));
            Assert.Equal("1.5", RequestInput.Query(new Hashtable { { "amount", 1.5 } })[0].Value);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_secure_string_is_never_sent()
    {
        var ex = Assert.Throws<ArgumentException>(() => RequestInput.BodyJson(new Hashtable { { "secret", TestConnections.Secure("x") } }));
        Assert.Contains("SecureString", ex.Message);
    }

    [Fact]
    public void An_object_that_refers_to_itself_is_refused()
    {
        var table = new Hashtable();
        table["self"] = table;
        var ex = Assert.Throws<ArgumentException>(() => RequestInput.BodyJson(table));
        Assert.Contains("levels deep", ex.Message);
    }

    [Fact]
    public void Query_values_become_invariant_text_lists_join_with_commas_and_nulls_are_left_out()
    {
        var query = RequestInput.Query(new OrderedDictionary
        {
            { "count", 20 },
            { "fields", new[] { "id", "created" } },
            { "active", false },
            { "q", "customer.id:PCU_1" },
            { "none", null },
        });
        Assert.Equal(new[]
        {
            new KeyValuePair<string, string>("count", "20"),
            new KeyValuePair<string, string>("fields", "id,created"),
            new KeyValuePair<string, string>("active", "false"),
            new KeyValuePair<string, string>("q", "customer.id:PCU_1"),
        }, query);
        Assert.Throws<ArgumentException>(() => RequestInput.Query(new Hashtable { { "q", new Hashtable { { "a", 1 } } } }));
    }
}

public class GenericClientTests
{
    private const string Item = "{\"object\":\"payment.containers\",\"id\":\"PCT_WP2PX3WK3QXA5NXF9VZ3NVMTFNE3N8\",\"customer\":{\"id\":\"PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW\"}}";

    private static (GenericClient client, ApiLogQueue log) Setup(FakeHandler handler, List<TimeSpan>? delays = null, ApiLogQueue? log = null)
    {
        log ??= new ApiLogQueue();
        return (new GenericClient(TestConnections.Create(handler, delays), log), log);
    }

    private static Uri Url(string path) => ApiPaths.Resolve(new Uri("http://127.0.0.1:5999"), path, out _);

    [Theory]
    [InlineData("GET", RequestKind.Idempotent)]
    [InlineData("PUT", RequestKind.Idempotent)]
    [InlineData("DELETE", RequestKind.Idempotent)]
    [InlineData("POST", RequestKind.NonIdempotent)]
    [InlineData("PATCH", RequestKind.NonIdempotent)]
    public void Methods_map_to_their_retry_kind(string method, object kind) => // RequestKind is internal
        Assert.Equal((RequestKind)kind, GenericClient.KindOf(new HttpMethod(method)));

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task A_POST_or_PATCH_whose_answer_is_lost_is_sent_once_and_is_OutcomeUnknown(string method)
    {
        var handler = new FakeHandler().Then(HttpStatusCode.BadGateway, "{\"status\":\"error\",\"error_details\":\"Bad Gateway\",\"code\":502,\"supportId\":\"0123456789abcdef0123456789abcdef\"}");
        var (client, _) = Setup(handler);
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.SendAsync(new HttpMethod(method), Url("Payment/Containers"), "{\"type\":\"bank_account\"}", CancellationToken.None));
        Assert.Equal("OutcomeUnknown", ex.ErrorId);
        Assert.Equal(SecuErrorKind.OutcomeUnknown, ex.Kind);
        Assert.Equal(502, ex.StatusCode);
        Assert.Equal("0123456789abcdef0123456789abcdef", ex.SupportId);
        Assert.Contains($"{method} http://127.0.0.1:5999/api/v2/Payment/Containers may or may not have taken effect", ex.Message);
        Assert.DoesNotContain("customer", ex.Message);
        Assert.Single(handler.ApiRequests);
    }

    [Fact]
    public async Task A_POST_the_server_did_not_process_is_sent_again()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, Item);
        var (client, _) = Setup(handler);
        var body = await client.SendAsync(HttpMethod.Post, Url("Payment/Containers"), "{}", CancellationToken.None);
        Assert.Equal(Item, body);
        Assert.Equal(2, handler.ApiRequests.Count);
        Assert.All(handler.ApiRequests, r => Assert.Equal("{}", r.Body));
    }

    [Fact]
    public async Task A_GET_is_retried_after_a_502_with_the_token()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.OK, Item);
        var delays = new List<TimeSpan>();
        var (client, _) = Setup(handler, delays);
        var body = await client.SendAsync(HttpMethod.Get, Url("Payment/Containers/PCT_WP2PX3WK3QXA5NXF9VZ3NVMTFNE3N8"), null, CancellationToken.None);
        Assert.Equal(Item, body);
        Assert.Equal(2, handler.ApiRequests.Count);
        Assert.Single(delays);
        Assert.All(handler.ApiRequests, r => Assert.Equal("token1", r.Bearer));
    }

    [Fact]
    public async Task Errors_carry_the_API_s_exception_name_and_supportId()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.NotFound,
            "{\"status\":\"error\",\"error\":\"ProductNotFoundException\",\"error_details\":\"no resource\",\"code\":404,\"supportId\":\"fedcba9876543210fedcba9876543210\"}");
        var (client, _) = Setup(handler);
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.SendAsync(HttpMethod.Get, Url("Payment/Nothing"), null, CancellationToken.None));
        Assert.Equal("ProductNotFoundException", ex.ErrorId);
        Assert.Equal(SecuErrorKind.NotFound, ex.Kind);
        Assert.Equal("fedcba9876543210fedcba9876543210", ex.SupportId);
    }

    [Fact]
    public async Task Debug_shows_the_body_with_bank_data_masked()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, Item);
        var log = new ApiLogQueue { DebugEnabled = true };
        var (client, _) = Setup(handler, log: log);
        await client.SendAsync(HttpMethod.Post, Url("Payment/Containers"),
            "{\"type\":\"bank_account\",\"private\":{\"owner\":\"Ada Lovelace\",\"iban\":\"DE89370400440532013000\",\"bic\":\"COBADEFFXXX\"}}", CancellationToken.None);
        var debug = string.Join("\n", SendTests.Drain(log).Where(e => e.Level == ApiLogLevel.Debug).Select(e => e.Message));
        Assert.Contains("\"iban\":\"***\"", debug);
        Assert.DoesNotContain("DE89370400440532013000", debug);
        Assert.DoesNotContain("Ada Lovelace", debug);
        Assert.DoesNotContain("COBADEFFXXX", debug);
        Assert.Equal("{\"type\":\"bank_account\",\"private\":{\"owner\":\"Ada Lovelace\",\"iban\":\"DE89370400440532013000\",\"bic\":\"COBADEFFXXX\"}}", handler.ApiRequests[0].Body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Downloads_keep_the_bytes_as_they_came_also_with_Debug_on(bool debug)
    {
        byte[] pdf = { 0x25, 0x50, 0x44, 0x46, 0xFF, 0xFE, 0x00, 0x80, 0xC3, 0x28 };
        var handler = new FakeHandler().Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } },
        }));
        var log = new ApiLogQueue { DebugEnabled = debug };
        var (client, _) = Setup(handler, log: log);
        var bytes = await client.DownloadAsync(HttpMethod.Get, Url("Document/Uploads/DUP_1"), null, CancellationToken.None);
        Assert.Equal(pdf, bytes);
        var entries = SendTests.Drain(log);
        Assert.Contains(entries, e => e.Level == ApiLogLevel.Verbose && e.Message.Contains("/api/v2/Document/Uploads/DUP_1 -> 200"));
        Assert.Equal(debug, entries.Any(e => e.Level == ApiLogLevel.Debug && e.Message.Contains("written to the file")));
    }

    [Fact]
    public async Task All_pages_a_list_resource_lazily_through_the_scroll_search_with_the_caller_s_parameters()
    {
        static string Page(int? count, string scroll, params int[] ids) =>
            "{" + (count.HasValue ? $"\"count\":{count}," : "") + "\"data\":[" + string.Join(",", ids.Select(i => $"{{\"id\":\"PCT_{i}\"}}")) + $"],\"scroll_id\":\"{scroll}\"}}";
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(5, "s1", 1, 2))
            .Then(HttpStatusCode.OK, Page(null, "s2", 3, 4))
            .Then(HttpStatusCode.OK, Page(null, "s3", 5));
        var (client, _) = Setup(handler);
        var query = new ListQuery { PageSize = 2, Parameters = new List<KeyValuePair<string, string>> { new("q", "customer.id:PCU_1") } };

        var pager = client.List(Url("Payment/Containers"), query, CancellationToken.None);
        var first = await Task.Run(() => pager.First());
        Assert.Equal("PCT_1", (string)first["id"]!);
        Assert.Single(handler.ApiRequests);
        var firstQuery = HttpUtility.ParseQueryString(handler.ApiRequests[0].Query);
        Assert.Equal("2", firstQuery["count"]);
        Assert.Equal("5m", firstQuery["scroll_expire"]);
        Assert.Equal("customer.id:PCU_1", firstQuery["q"]);

        var handler2 = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(5, "s1", 1, 2))
            .Then(HttpStatusCode.OK, Page(null, "s2", 3, 4))
            .Then(HttpStatusCode.OK, Page(null, "s3", 5));
        var (client2, _) = Setup(handler2);
        var all = await Task.Run(() => client2.List(Url("Payment/Containers"), query, CancellationToken.None).Select(t => (string)t["id"]!).ToList());
        Assert.Equal(new[] { "PCT_1", "PCT_2", "PCT_3", "PCT_4", "PCT_5" }, all);
        Assert.Equal(new[] { "scroll_id=s1", "scroll_id=s2" }, handler2.ApiRequests.Skip(1).Select(r => r.Query));
    }

    [Fact]
    public async Task All_on_an_answer_that_is_no_list_is_InvalidResponse()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, Item);
        var (client, _) = Setup(handler);
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Task.Run(() => client.List(Url("Payment/Containers/PCT_1"), new ListQuery(), CancellationToken.None).ToList()));
        Assert.Equal("InvalidResponse", ex.ErrorId);
    }

    [Theory]
    [InlineData("{\"count\":2,\"data\":[{},{}]}", true, 2L)]
    [InlineData("{\"count\":null,\"data\":[]}", true, null)]
    [InlineData("{\"data\":[]}", false, null)]
    [InlineData("{\"count\":\"2\",\"data\":[]}", false, null)]
    [InlineData("{\"count\":2,\"data\":{}}", false, null)]
    [InlineData("[{\"count\":2,\"data\":[]}]", false, null)]
    public void A_list_answer_is_an_object_with_a_data_array_and_a_count(string json, bool isList, long? count)
    {
        Assert.Equal(isList, GenericClient.TryReadList(JToken.Parse(json), out var total, out _, out _));
        Assert.Equal(count, total);
    }
}

/// <summary>The headers Invoke-SecuConnectRequest sends and gives back.</summary>
public class RequestHeadersTests
{
    [Theory]
    [InlineData("Authorization")]
    [InlineData("AUTHORIZATION")]
    [InlineData(" host ")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Content-Length")]
    [InlineData("Transfer-Encoding")]
    public void Headers_the_connection_owns_are_refused(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => RequestHeaders.Check(name, "x"));
        Assert.Contains("is set by the connection", ex.Message);
    }

    [Fact]
    public void Debug_shows_header_names_and_masks_their_values()
    {
        var text = RequestHeaders.Describe(new[] { new KeyValuePair<string, string>("X-Api-Key", "k-1"), new KeyValuePair<string, string>("Accept", "text/plain") });
        Assert.Equal(" headers: X-Api-Key: ***, Accept: ***", text);
    }

    [Theory]
    [InlineData("sid=abc123; Path=/; HttpOnly", "sid=***; Path=/; HttpOnly")]
    [InlineData("sid=abc123", "sid=***")]
    [InlineData("novalue", "=***")]
    public void A_cookie_keeps_its_name_and_attributes_only(string cookie, string shown)
    {
        Assert.Equal(shown, ResponseHeaders.MaskCookie(cookie));
    }

    [Fact]
    public void A_text_body_in_Debug_is_cut_after_200_characters_and_scrubbed()
    {
        string shown = LogMasker.MaskBody("to ada@example.com " + new string('x', 500), LogMasker.TextPreviewLength);
        Assert.StartsWith("to *** xx", shown);
        Assert.EndsWith("more)", shown);
        Assert.DoesNotContain("ada@example.com", shown);
    }
}
