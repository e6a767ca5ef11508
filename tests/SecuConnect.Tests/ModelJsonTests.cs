using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Api;
using SecuConnect.Models;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// The hand-written model reader and writer against the models' own JSON attributes read by Newtonsoft's serializer:
/// the two must agree on every field, so neither drops or renames one.
/// </summary>
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

    private static JObject Shape(object model) => JObject.FromObject(model, SecuJson.Serializer);

    [Fact]
    public void A_full_customer_reads_as_the_models_attributes_say()
    {
        var mine = Read(FullCustomer, ModelJson.ReadCustomer);
        var theirs = SecuJson.Deserialize<PaymentCustomer>(FullCustomer);
        Assert.Equal(Shape(theirs).ToString(), Shape(mine).ToString());
        // Every field of the answer arrives: nothing is dropped on the way in.
        Assert.True(JToken.DeepEquals(SecuJson.Parse(FullCustomer), Shape(mine)));
    }

    [Fact]
    public void A_list_page_reads_with_its_count_scroll_id_and_customers()
    {
        string json = "{\"count\":3,\"scroll_id\":\"s-1\",\"data\":[" + FullCustomer + ",null,{\"id\":\"" + Id + "\"}],\"extra\":[{\"a\":1}]}";
        var page = Read(json, ModelJson.ReadList);
        Assert.Equal(3, page.Count);
        Assert.Equal("s-1", page.ScrollId);
        Assert.Equal(Shape(SecuJson.Deserialize<CustomerList>(json)).ToString(), Shape(page).ToString());
        Assert.Null(page.Data![1]);
        Assert.Equal(Id, page.Data[2].Id);
    }

    [Theory]
    [InlineData("{\"count\":null,\"data\":null}")]
    [InlineData("{}")]
    [InlineData("{\"count\":\"7\",\"data\":[]}")]
    public void Sparse_list_pages_read_as_the_serializer_reads_them(string json) =>
        Assert.Equal(Shape(SecuJson.Deserialize<CustomerList>(json)).ToString(), Shape(Read(json, ModelJson.ReadList)).ToString());

    [Fact]
    public void Names_match_ignoring_case_unknown_members_are_skipped_and_scalars_become_text()
    {
        string json = "{\"ID\":\"" + Id + "\",\"unknown\":{\"deep\":[1,{\"id\":\"wrong\"}]},\"Contact\":{\"Forename\":\"Ada\"," +
                      "\"phone\":4930123,\"fax\":1.5,\"title\":true,\"email\":null,\"address\":null,\"future\":[\"x\"]},\"contract\":null}";
        var mine = Read(json, ModelJson.ReadCustomer);
        Assert.Equal(Id, mine.Id);
        Assert.Equal("Ada", mine.Contact!.Forename);
        Assert.Equal("4930123", mine.Contact.Phone);
        Assert.Equal("1.5", mine.Contact.Fax);
        Assert.Equal("true", mine.Contact.Title);
        Assert.Null(mine.Contact.Address);
        Assert.Null(mine.Contract);
        Assert.Equal(Shape(SecuJson.Deserialize<PaymentCustomer>(json)).ToString(), Shape(mine).ToString());
    }

    [Theory]
    [InlineData("{\"id\":{\"a\":1}}")]
    [InlineData("{\"contact\":\"Ada\"}")]
    [InlineData("{\"contact\":{\"address\":[1]}}")]
    [InlineData("{\"data\":{}}")]
    [InlineData("{\"contact\":{\"forename\":\"Ada\"")]
    public void A_value_of_the_wrong_shape_is_a_json_error(string json)
    {
        Assert.ThrowsAny<JsonException>(() => json.Contains("data") ? Read(json, ModelJson.ReadList) : (object)Read(json, ModelJson.ReadCustomer));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_customer_of_the_wrong_shape_is_InvalidResponse_through_the_client(bool debug)
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, "{\"id\":\"" + Id + "\",\"contact\":\"Ada\"}");
        var client = new SecuClient(TestConnections.Create(handler), new ApiLog { DebugEnabled = debug });
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal("InvalidResponse", ex.ErrorId);
    }

    public static IEnumerable<object[]> Requests()
    {
        var full = Read(FullCustomer, ModelJson.ReadCustomer).Contact!;
        yield return new object[] { full };
        yield return new object[] { new Contact { Surname = "Doe", Email = "a\"b\\c\u00e9\u2028@example.com" } };
        yield return new object[] { new Contact { Forename = "Ada", Address = new Address() } };
        yield return new object[] { new Contact { Address = new Address { City = "Berlin" } } };
        yield return new object[] { new Contact() };
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_body_is_what_the_serializer_writes(Contact contact)
    {
        var request = PaymentCustomerRequest.For(contact);
        Assert.Equal(JsonConvert.SerializeObject(request, SecuJson.Settings), ModelJson.Serialize(request));
    }

    [Fact]
    public void A_request_without_a_contact_is_an_empty_object() =>
        Assert.Equal("{}", ModelJson.Serialize(new PaymentCustomerRequest()));
}
