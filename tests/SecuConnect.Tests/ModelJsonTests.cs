using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;
using F = SecuConnect.Customers.CustomerFields;

namespace SecuConnect.Tests;

/// <summary>The hand-written model reader and writer: every field of the table in and out, members it does not model kept.</summary>
public class ModelJsonTests
{
    private const string Id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";

    private const string FullCustomer =
        "{\"object\":\"payment.customers\",\"id\":\"" + Id + "\"," +
        "\"contract\":{\"object\":\"payment.contracts\",\"id\":\"PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH\"}," +
        "\"merchant\":{\"object\":\"general.merchants\",\"id\":\"MRC_WVHJQFQ4JNVYNG5B55TYK748ZCHQP8\"}," +
        "\"contact\":{\"name\":\"Dr. Ada Lovelace\",\"forename\":\"Ada\",\"surname\":\"Lovelace\",\"companyname\":\"Analytical Engines Ltd.\"," +
        "\"salutation\":\"Mrs.\",\"gender\":\"female\",\"title\":\"Dr.\",\"email\":\"ada@example.com\",\"phone\":\"+44 20 1234\"," +
        "\"mobile\":\"+44 77 1234\",\"fax\":\"+44 20 9999\",\"dob\":\"1815-12-10T00:00:00+01:00\",\"picture\":\"https://example.com/a.png\"," +
        "\"url_website\":\"https://example.com\",\"birthplace\":\"London\",\"nationality\":\"GB\"," +
        "\"address\":{\"type\":\"invoice\",\"street\":\"St James's Square\",\"street_number\":\"12\",\"postal_code\":\"SW1Y 4JH\"," +
        "\"city\":\"London\",\"country\":\"GB\",\"additional_address_data\":\"c/o \\\"Byron\\\" \\u00e9\"}}," +
        "\"created\":\"2024-05-02T10:49:23+02:00\",\"updated\":\"2024-05-03T08:00:00+02:00\"}";

    private static T Read<T>(string json, Func<JsonReader, T> read)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        Assert.True(reader.Read());
        return read(reader);
    }

    [Fact]
    public void A_full_customer_reads_every_field_and_writes_the_contact_back_unchanged()
    {
        var mine = Read(FullCustomer, ModelJson.ReadCustomer)!;
        Assert.Equal(Id, mine.Id);
        Assert.Equal("PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH", mine.Contract!.Id);
        Assert.Equal("MRC_WVHJQFQ4JNVYNG5B55TYK748ZCHQP8", mine.Merchant!.Id);
        Assert.Equal("Dr. Ada Lovelace", mine.Contact!.Name);
        Assert.Equal("2024-05-02T10:49:23+02:00", mine.Created);
        // Every field of the table arrives, and the contact goes out exactly as it came in (without the server's name).
        var expected = (JObject)SecuJson.Parse(FullCustomer)["contact"]!;
        expected.Remove("name");
        var written = (JObject)SecuJson.Parse(ModelJson.Serialize(PaymentCustomerRequest.For(mine.Contact!)))["contact"]!;
        Assert.True(JToken.DeepEquals(expected, written), written.ToString());
        Assert.All(F.All, f => Assert.NotNull(mine.Contact[f]));
    }

    [Fact]
    public void Members_the_module_does_not_model_survive_at_every_level()
    {
        string json = "{\"id\":\"" + Id + "\",\"merchant_customer_id\":\"M-1\",\"contact\":{\"forename\":\"Ada\"," +
                      "\"ident_service_ids\":[\"a\",{\"b\":null}],\"flags\":{\"vip\":true,\"n\":1.5}," +
                      "\"address\":{\"city\":\"Berlin\",\"geo\":{\"lat\":52.5,\"lng\":13.4}}}}";
        var mine = Read(json, ModelJson.ReadCustomer)!;
        Assert.Equal("M-1", (string?)mine.Unknown!["merchant_customer_id"]);
        var body = (JObject)SecuJson.Parse(ModelJson.Serialize(PaymentCustomerRequest.For(mine.Contact!)))["contact"]!;
        var sent = JObject.Parse("{\"forename\":\"Ada\",\"ident_service_ids\":[\"a\",{\"b\":null}],\"flags\":{\"vip\":true,\"n\":1.5}," +
                                 "\"address\":{\"city\":\"Berlin\",\"geo\":{\"lat\":52.5,\"lng\":13.4}}}");
        Assert.True(JToken.DeepEquals(sent, body), body.ToString());
        Assert.DoesNotContain("merchant_customer_id", ModelJson.Serialize(PaymentCustomerRequest.For(mine.Contact!)));
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"contact\":{\"forename\":\"Ada\",\"address\":[]}}")]
    [InlineData("{\"id\":\"x\",\"contact\":{\"forename\":\"Ada\"},\"contract\":[]}")]
    public void An_empty_array_where_an_object_belongs_reads_as_absent(string json)
    {
        var mine = Read(json, ModelJson.ReadCustomer)!;
        Assert.Equal("Ada", mine.Contact![F.Forename]);
        Assert.False(mine.Contact.HasAddress);
        Assert.Null(mine.Contract);
    }

    [Fact]
    public void A_list_page_reads_with_its_count_scroll_id_and_customers()
    {
        string json = "{\"count\":3,\"scroll_id\":\"s-1\",\"data\":[" + FullCustomer + ",null,{\"id\":\"" + Id + "\"}],\"extra\":[{\"a\":1}]}";
        var page = Read(json, ModelJson.ReadList);
        Assert.Equal(3, page.Count);
        Assert.Equal("s-1", page.ScrollId);
        Assert.Equal(3, page.Data!.Count);
        Assert.Equal("Ada", page.Data[0].Contact![F.Forename]);
        Assert.Null(page.Data[1]);
        Assert.Equal(Id, page.Data[2].Id);
    }

    [Theory]
    [InlineData("{\"count\":null,\"data\":null}", null)]
    [InlineData("{}", null)]
    [InlineData("{\"count\":\"7\",\"data\":[]}", 7L)]
    public void Sparse_list_pages_read(string json, long? count)
    {
        var page = Read(json, ModelJson.ReadList);
        Assert.Equal(count, page.Count);
    }

    [Fact]
    public void Names_match_ignoring_case_and_scalars_become_text()
    {
        string json = "{\"ID\":\"" + Id + "\",\"Contact\":{\"Forename\":\"Ada\"," +
                      "\"phone\":4930123,\"fax\":1.5,\"title\":true,\"email\":null,\"address\":null},\"contract\":null}";
        var mine = Read(json, ModelJson.ReadCustomer)!;
        Assert.Equal(Id, mine.Id);
        Assert.Equal("Ada", mine.Contact![F.Forename]);
        Assert.Equal("4930123", mine.Contact[F.Phone]);
        Assert.Equal("1.5", mine.Contact[F.Fax]);
        Assert.Equal("true", mine.Contact[F.Title]);
        Assert.Null(mine.Contact[F.Email]);
        Assert.False(mine.Contact.HasAddress);
        Assert.Null(mine.Contract);
        Assert.Null(mine.Contact.Unknown);
    }

    [Theory]
    [InlineData("{\"id\":{\"a\":1}}")]
    [InlineData("{\"contact\":\"Ada\"}")]
    [InlineData("{\"data\":{}}")]
    [InlineData("{\"contact\":{\"forename\":\"Ada\"")]
    public void A_value_of_the_wrong_shape_is_a_json_error(string json)
    {
        Assert.ThrowsAny<JsonException>(() => json.Contains("data") ? Read(json, ModelJson.ReadList) : (object?)Read(json, ModelJson.ReadCustomer));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_customer_of_the_wrong_shape_is_InvalidResponse_through_the_client(bool debug)
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, "{\"id\":\"" + Id + "\",\"contact\":\"Ada\"}");
        var client = new SecuClient(TestConnections.Create(handler), new ApiLogQueue { DebugEnabled = debug });
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal("InvalidResponse", ex.ErrorId);
    }

    [Fact]
    public void A_request_body_holds_only_given_fields_in_table_order_and_escapes_text()
    {
        var c = new Contact { Name = "server's" };
        c[F.Surname] = "Doe";
        c[F.Email] = "a\"b\\c\u00e9\u2028@example.com";
        c[F.City] = "Berlin";
        string body = ModelJson.Serialize(PaymentCustomerRequest.For(c));
        Assert.Equal("{\"contact\":{\"surname\":\"Doe\",\"email\":\"a\\\"b\\\\c\u00e9\\u2028@example.com\",\"address\":{\"city\":\"Berlin\"}}}", body);
        Assert.Equal("{\"contact\":{}}", ModelJson.Serialize(PaymentCustomerRequest.For(new Contact())));
    }

    [Fact]
    public void A_request_without_a_contact_is_an_empty_object() =>
        Assert.Equal("{}", ModelJson.Serialize(new PaymentCustomerRequest()));
}
