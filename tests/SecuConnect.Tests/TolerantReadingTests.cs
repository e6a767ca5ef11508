using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;
using F = SecuConnect.Customers.CustomerFields;

namespace SecuConnect.Tests;

/// <summary>
/// The core's pieces for answers in unexpected shapes (KeptToken, JsonRead.ReadTextOrKeep and ReadUid, ShapeNotes,
/// ShapeWarnings) as the customer model uses them: values kept as they came and written back so, the user's value
/// sent as text, notes only for what was unexpected, one warning per path and shape.
/// </summary>
public class TolerantReadingTests
{
    private const string Id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";

    private const string Odd =
        "{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contract\":\"GCR_1\",\"merchant\":7," +
        "\"contact\":{\"forename\":\"Ada\",\"surname\":42,\"phone\":{\"mobile\":\"+49 170 1\"},\"fax\":true,\"title\":1.5," +
        "\"address\":{\"city\":[\"Berlin\",\"Mitte\"],\"country\":\"DE\"}},\"created\":\"yesterday\",\"updated\":{\"at\":1}}";

    private static PaymentCustomer Read(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        Assert.True(reader.Read());
        return ModelJson.ReadCustomer(reader)!;
    }

    private static JObject Sent(Contact c) => (JObject)SecuJson.Parse(ModelJson.Serialize(PaymentCustomerRequest.For(c)))["contact"]!;

    [Fact]
    public void Values_in_other_shapes_read_as_their_json_text_and_go_back_in_their_own_type()
    {
        var c = Read(Odd);
        Assert.Equal("42", c.Contact![F.Surname]);
        Assert.Equal("{\"mobile\":\"+49 170 1\"}", c.Contact[F.Phone]);
        Assert.Equal("true", c.Contact[F.Fax]);
        Assert.Equal("1.5", c.Contact[F.Title]);
        Assert.Equal("[\"Berlin\",\"Mitte\"]", c.Contact[F.City]);
        Assert.Equal("GCR_1", c.Contract!.Id);
        Assert.Equal("7", c.Merchant!.Id);
        Assert.Equal("yesterday", c.Created);
        Assert.Equal("{\"at\":1}", c.Updated);

        var expected = JObject.Parse("{\"forename\":\"Ada\",\"surname\":42,\"phone\":{\"mobile\":\"+49 170 1\"},\"fax\":true,\"title\":1.5," +
                                     "\"address\":{\"city\":[\"Berlin\",\"Mitte\"],\"country\":\"DE\"}}");
        var sent = Sent(c.Contact);
        Assert.True(JToken.DeepEquals(expected, sent), sent.ToString());
        Assert.Equal(JTokenType.Integer, sent["surname"]!.Type);
    }

    [Fact]
    public void Each_unexpected_shape_is_noted_with_its_path_and_never_its_value()
    {
        var notes = Read(Odd).Shapes!.All;
        Assert.Equal(
            new[] { "contract:text", "merchant:a number", "contact.surname:a number", "contact.phone:an object", "contact.fax:true/false",
                    "contact.title:a number", "contact.address.city:an array", "created:text that is not a time", "updated:an object" },
            notes.Select(n => n.Path + ":" + n.Found));
        Assert.All(notes.Where(n => n.Path.StartsWith("contact.", StringComparison.Ordinal)), n => Assert.True(n.SentBack));
        Assert.All(notes.Where(n => !n.Path.StartsWith("contact.", StringComparison.Ordinal)), n => Assert.False(n.SentBack));
    }

    [Theory]
    [InlineData("{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contract\":{\"object\":\"payment.contracts\",\"id\":\"PCR_1\"}," +
                "\"contact\":{\"forename\":\"Ada\",\"address\":{\"city\":\"Berlin\"}},\"created\":\"2024-05-02T10:49:23+02:00\"}")]
    [InlineData("{\"id\":\"" + Id + "\",\"contract\":[],\"merchant\":null,\"contact\":{\"address\":[]},\"created\":\"\"}")]
    public void An_answer_in_the_expected_shapes_has_no_notes(string json) => Assert.Null(Read(json).Shapes);

    [Fact]
    public void Setting_a_field_sends_the_users_value_as_text_and_clearing_drops_it()
    {
        var c = Read(Odd).Contact!.Clone();
        c[F.Phone] = "+49 30 9";
        c[F.Surname] = null;
        var sent = Sent(c);
        Assert.Equal(JTokenType.String, sent["phone"]!.Type);
        Assert.Equal("+49 30 9", (string?)sent["phone"]);
        Assert.Null(sent["surname"]);
        Assert.Null(c.Kept(F.Phone));
        Assert.Equal(JTokenType.Boolean, sent["fax"]!.Type);
    }

    [Fact]
    public void The_merge_keeps_a_kept_value_when_the_given_text_is_its_shown_text()
    {
        var current = Read(Odd).Contact!;
        var given = new string?[F.Count];
        given[F.Phone.Index] = current[F.Phone];
        given[F.Surname.Index] = "42";
        given[F.Email.Index] = "a@example.com";
        var merged = ContactMerger.Merge(current, given, null);
        var sent = Sent(merged);
        Assert.Equal(JTokenType.Object, sent["phone"]!.Type);
        Assert.Equal(JTokenType.Integer, sent["surname"]!.Type);
        Assert.Equal("a@example.com", (string?)sent["email"]);
        Assert.NotNull(current.Kept(F.Phone));
    }

    [Fact]
    public void An_address_that_is_no_object_goes_back_as_it_came_until_an_address_field_is_set()
    {
        var c = Read("{\"object\":\"payment.customers\",\"id\":\"" + Id + "\",\"contact\":{\"forename\":\"Ada\",\"address\":\"Main St 1, Berlin\"}}");
        Assert.Equal("contact.address:text", string.Join(",", c.Shapes!.All.Select(n => n.Path + ":" + n.Found)));
        Assert.Equal("Main St 1, Berlin", (string?)Sent(c.Contact!)["address"]);
        var moved = c.Contact!.Clone();
        moved[F.City] = "Hamburg";
        Assert.Equal("{\"city\":\"Hamburg\"}", Sent(moved)["address"]!.ToString(Formatting.None));
    }

    [Fact]
    public void A_contact_the_user_wrote_gets_text_and_refuses_objects()
    {
        using (var reader = new JsonTextReader(new StringReader("{\"surname\":42}")))
        {
            Assert.True(reader.Read());
            var c = ModelJson.ReadContact(reader, keepShapes: false)!;
            Assert.Equal("42", c[F.Surname]);
            Assert.Null(c.Kept(F.Surname));
        }
        using (var reader = new JsonTextReader(new StringReader("{\"phone\":{\"a\":1}}")))
        {
            Assert.True(reader.Read());
            Assert.ThrowsAny<JsonException>(() => ModelJson.ReadContact(reader, keepShapes: false));
        }
    }

    [Fact]
    public void A_run_warns_once_per_path_and_shape_whatever_the_number_of_records_and_threads()
    {
        var warnings = new ShapeWarnings();
        var log = new ApiLogQueue();
        Parallel.For(0, 64, _ => warnings.Report(Read(Odd).Shapes, "customers", log));
        warnings.Report(Read(Odd.Replace("\"surname\":42", "\"surname\":[1]")).Shapes, "customers", log);
        var lines = new List<string>();
        while (log.TryDequeue(out var entry)) lines.Add(entry.Message);
        Assert.Equal(10, lines.Count);
        Assert.Single(lines, l => l.StartsWith("The API answered contact.surname of customers as a number,", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("The API answered contact.surname of customers as an array,", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain("Berlin", l));
        Assert.All(lines, l => Assert.DoesNotContain("+49", l));
        Assert.All(lines, l => Assert.DoesNotContain("yesterday", l));
    }

    [Fact]
    public async Task A_customer_in_odd_shapes_reads_through_the_client_and_warns()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, Odd);
        var log = new ApiLogQueue();
        var client = new SecuClient(TestConnections.Create(handler), log);
        var c = await client.GetCustomerAsync(Id, CancellationToken.None);
        Assert.Equal("42", c.Contact![F.Surname]);
        var warnings = new List<string>();
        while (log.TryDequeue(out var entry))
            if (entry.Level == ApiLogLevel.Warning) warnings.Add(entry.Message);
        Assert.Equal(9, warnings.Count);
    }
}
