using System.Net;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>Answers read from the response stream, with and without Debug, and the raw contact of the output object.</summary>
public class ResponseReadingTests
{
    private const string Id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";
    private const string Customer = "{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"Ada\",\"dob\":\"1815-12-10T00:00:00+01:00\"},\"created\":\"2024-05-02T10:49:23+02:00\",\"extra\":{\"a\":[1,2]}}";

    private static SecuClient Client(FakeHandler handler, bool debug = false) =>
        new(TestConnections.Create(handler), new ApiLogQueue { DebugEnabled = debug });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_customer_reads_the_same_from_the_stream_and_from_text(bool debug)
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, Customer).Then(HttpStatusCode.OK, "[" + Customer + "]");
        var client = Client(handler, debug);
        foreach (var customer in new[] { await client.GetCustomerAsync(Id, CancellationToken.None), await client.GetCustomerAsync(Id, CancellationToken.None) })
        {
            Assert.Equal(Id, customer.Id);
            Assert.Equal("Ada", customer.Contact![CustomerFields.Forename]);
            Assert.Equal("1815-12-10T00:00:00+01:00", customer.Contact[CustomerFields.DateOfBirth]);
            Assert.Equal("2024-05-02T10:49:23+02:00", customer.Created);
        }
    }

    [Theory]
    [InlineData(false, "", "not JSON")]
    [InlineData(true, "", "not JSON")]
    [InlineData(false, "{\"id\":", "not JSON")]
    [InlineData(true, "{\"id\":", "not JSON")]
    [InlineData(false, "[]", "without a customer")]
    [InlineData(true, "[]", "without a customer")]
    [InlineData(false, "\"text\"", "without a customer")]
    [InlineData(false, "<html>", "not JSON")]
    public async Task A_bad_customer_answer_is_InvalidResponse(bool debug, string body, string what)
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, body);
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Client(handler, debug).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal("InvalidResponse", ex.ErrorId);
        Assert.Contains(what, ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_list_page_reads_from_the_stream_and_rejects_a_non_object(bool debug)
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, "{\"count\":2,\"scroll_id\":\"s1\",\"data\":[" + Customer + "," + Customer + "]}")
            .Then(HttpStatusCode.OK, "[]");
        var client = Client(handler, debug);
        var page = await client.ListPageAsync(new[] { new KeyValuePair<string, string>("count", "2") }, CancellationToken.None);
        Assert.Equal(2, page.Count);
        Assert.Equal("s1", page.ScrollId);
        Assert.Equal(2, page.Data!.Count);
        Assert.Equal("Ada", page.Data![1].Contact![CustomerFields.Forename]);
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => client.ListPageAsync(null!, CancellationToken.None));
        Assert.Contains("not a JSON object", ex.Message);
    }

    [Fact]
    public async Task An_error_answer_keeps_its_body_for_the_error()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.NotFound,
            "{\"status\":\"error\",\"error\":\"ProductNotFoundException\",\"error_details\":\"Not found\",\"code\":2100,\"supportId\":\"abc\"}");
        var ex = await Assert.ThrowsAsync<SecuApiException>(() => Client(handler).GetCustomerAsync(Id, CancellationToken.None));
        Assert.Equal("ProductNotFoundException", ex.ErrorId);
        Assert.Equal("abc", ex.SupportId);
    }

    [Fact]
    public void The_raw_contact_has_the_api_shape_of_the_model()
    {
        var full = new Contact { Name = "n" };
        foreach (var field in CustomerFields.All) full[field] = "v-" + field.WireName;
        full.Unknown = JObject.Parse("{\"ident_service_ids\":[\"a\"]}");
        full.UnknownInAddress = JObject.Parse("{\"geo\":{\"lat\":1}}");
        foreach (var contact in new[] { full, TestContacts.Of((CustomerFields.Surname, "only")), TestContacts.Of((CustomerFields.Email, "e")) })
        {
            var o = PSObject.AsPSObject(CustomerOutput.Create(new PaymentCustomer { Id = Id, Contact = contact }));
            var raw = Assert.IsType<PSObject>(o.Properties["Contact"].Value);
            Assert.Equal("SecuConnect.Contact", raw.TypeNames[0]);
            var expected = (JObject)SecuJson.Parse(ModelJson.Serialize(PaymentCustomerRequest.For(contact)))["contact"]!;
            AssertSameShape(expected, raw);
        }
        Assert.Null(PSObject.AsPSObject(CustomerOutput.Create(new PaymentCustomer { Id = Id })).Properties["Contact"].Value);
    }

    private static void AssertSameShape(JObject expected, PSObject actual)
    {
        Assert.Equal(expected.Properties().Select(p => p.Name).ToArray(), actual.Properties.Select(p => p.Name).ToArray());
        foreach (var property in expected.Properties())
        {
            var value = actual.Properties[property.Name].Value;
            if (property.Value is JObject nested) AssertSameShape(nested, Assert.IsType<PSObject>(value));
            else if (property.Value is JArray array) Assert.Equal(array.Count, Assert.IsType<object[]>(value).Length);
            else Assert.Equal(((JValue)property.Value).Value, value);
        }
    }
}
