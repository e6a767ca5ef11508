using Newtonsoft.Json.Linq;
using SecuConnect.Commands;
using SecuConnect.Containers;
using SecuConnect.Core;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>The bank account rules the module checks before sending, and the tolerant reading of container answers.</summary>
public class ContainerModelTests
{
    [Theory]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB29NWBK60161331926819")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("NO9386011117947")]
    [InlineData("CH9300762011623852957")]
    public void Valid_ibans_pass(string iban) => Assert.Null(IbanRules.CheckIban(iban));

    [Theory]
    [InlineData("DE89370400440532013001", "check digits")]
    [InlineData("DE8937040044053201300", "DE has 22 characters, this one has 21")]
    [InlineData("D989370400440532013000", "two letters")]
    [InlineData("DE89-3704-0044-0532-0130-00", "letters and digits only")]
    public void Invalid_ibans_say_what_is_wrong_without_the_value(string iban, string expected)
    {
        string? problem = IbanRules.CheckIban(iban);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
        Assert.DoesNotContain("0532013", problem);
    }

    [Fact]
    public void An_iban_is_normalised_as_banks_store_it()
    {
        Assert.Equal("DE89370400440532013000", IbanRules.Normalize(" de89 3704\t0044 0532 0130 00 "));
    }

    [Theory]
    [InlineData("COBADEFF", null)]
    [InlineData("COBADEFFXXX", null)]
    [InlineData("COBADEF", "8 or 11")]
    [InlineData("C0BADEFF", "4 letters")]
    public void Bics_are_checked_for_their_form(string bic, string? expected)
    {
        string? problem = IbanRules.CheckBic(bic);
        if (expected == null) Assert.Null(problem);
        else Assert.Contains(expected, problem);
    }

    [Fact]
    public void The_table_shows_the_iban_shortened()
    {
        Assert.Equal("DE89\u20263000", IbanRules.Shorten("DE89370400440532013000"));
        Assert.Equal("DE89\u20263000", IbanRules.Shorten("DE89XXXXXXXXXXXXXX3000"));
    }

    [Fact]
    public void A_masked_answer_reads_from_public_and_is_marked()
    {
        var record = ContainerRecord.From(JObject.Parse(
            "{\"object\":\"payment.containers\",\"id\":\"PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"type\":\"bank_account\"," +
            "\"public\":{\"iban\":\"DE89XXXXXXXXXXXXXX3000\",\"owner\":\"Ada\"}}"))!;
        Assert.True(record.IsContainer);
        Assert.True(record.IsMasked);
        Assert.Equal("DE89XXXXXXXXXXXXXX3000", record.Iban);
        Assert.Equal("Ada", record.Owner);
        Assert.Null(record.Private);
    }

    [Fact]
    public void Unexpected_shapes_never_fail_the_read_and_are_kept_for_the_round_trip()
    {
        var record = ContainerRecord.From(JObject.Parse(
            "{\"object\":\"payment.containers\",\"id\":\"PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"type\":\"bank_account\"," +
            "\"created\":{\"date\":\"2026-01-01\"},\"contract\":\"PCR_1\",\"customer\":[1,2],\"assign\":{\"x\":1}," +
            "\"private\":{\"iban\":\"DE89370400440532013000\",\"owner\":[\"Ada\",\"Lovelace\"],\"purpose\":42,\"branch\":\"Mitte\"}," +
            "\"mandate\":\"none\"}"))!;
        Assert.True(record.IsContainer);
        // Each modelled value shows as well as text allows (the customers' rule), and each odd shape is noted once.
        Assert.Equal("{\"date\":\"2026-01-01\"}", record.Created);
        Assert.Equal("PCR_1", record.ContractId);
        Assert.Equal("[1,2]", record.CustomerId);
        Assert.Equal("[\"Ada\",\"Lovelace\"]", record.Owner);
        Assert.Equal("42", record.Purpose);
        Assert.Equal("none", record.MandateId);
        Assert.Equal(1, (int)record.Unknown!["assign"]!["x"]!);
        Assert.Equal(
            new[] { "created:an object", "contract:text", "customer:an array", "private.owner:an array", "private.purpose:a number", "mandate:text" },
            record.Shapes!.All.Select(n => n.Path + ":" + n.Found).ToArray());

        // An update sends the stored account back as it came, with only the change applied.
        var body = JObject.Parse(new BankAccount { Bic = "COBADEFFXXX" }.UpdateBody(record));
        Assert.Equal("Mitte", (string)body["private"]!["branch"]!);
        Assert.Equal(new JArray("Ada", "Lovelace"), body["private"]!["owner"]);
        Assert.Equal("COBADEFFXXX", (string)body["private"]!["bic"]!);
        Assert.Null(body["customer"]);
    }

    [Fact]
    public void An_update_sends_a_type_in_another_shape_back_as_it_came()
    {
        var record = ContainerRecord.From(JObject.Parse(
            "{\"object\":\"payment.containers\",\"id\":\"PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"type\":7,\"private\":{\"iban\":\"DE89370400440532013000\"}}"))!;
        Assert.Equal("7", record.Type);
        var body = JObject.Parse(new BankAccount { Owner = "Ada" }.UpdateBody(record));
        Assert.Equal(JTokenType.Integer, body["type"]!.Type);
        Assert.Equal(7, (int)body["type"]!);
    }

    [Fact]
    public void A_private_part_that_is_no_object_counts_as_masked_and_an_empty_array_as_absent()
    {
        var record = ContainerRecord.From(JObject.Parse(
            "{\"object\":\"payment.containers\",\"id\":\"PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"private\":\"hidden\",\"public\":{\"iban\":\"DE89XXXXXXXXXXXXXX3000\",\"owner\":\"Ada\"}}"))!;
        Assert.True(record.IsMasked);
        Assert.Equal("DE89XXXXXXXXXXXXXX3000", record.Iban);
        Assert.Equal(new[] { "private:text" }, record.Shapes!.All.Select(n => n.Path + ":" + n.Found).ToArray());

        var empty = ContainerRecord.From(JObject.Parse(
            "{\"object\":\"payment.containers\",\"id\":\"PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"private\":[],\"customer\":[],\"public\":{\"owner\":\"Ada\"}}"))!;
        Assert.True(empty.IsMasked);
        Assert.Null(empty.CustomerId);
        Assert.Equal("Ada", empty.Owner);
        Assert.Null(empty.Shapes);
    }

    [Fact]
    public void An_answer_without_object_or_id_is_no_container()
    {
        Assert.False(ContainerRecord.From(JObject.Parse("{\"id\":\"PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}"))!.IsContainer);
        Assert.False(ContainerRecord.From(JObject.Parse("{\"object\":\"payment.containers\"}"))!.IsContainer);
    }

    [Fact]
    public void The_account_data_is_masked_in_debug_bodies()
    {
        string masked = LogMasker.MaskBody("{\"private\":{\"iban\":\"DE89370400440532013000\",\"bic\":\"COBADEFFXXX\",\"owner\":\"Ada\",\"bankname\":\"Commerzbank\",\"purpose\":\"Rent\"}," +
                                           "\"mandate\":{\"iban\":\"DE89370400440532013000\",\"bic\":\"COBADEFFXXX\",\"status\":\"active\"}}");
        foreach (var value in new[] { "DE89370400440532013000", "COBADEFFXXX", "Ada", "Commerzbank", "Rent" }) Assert.DoesNotContain(value, masked);
        Assert.Contains("active", masked);
    }

    [Fact]
    public void The_output_keeps_members_the_module_does_not_model()
    {
        var record = ContainerRecord.From(JObject.Parse(
            "{\"object\":\"payment.containers\",\"id\":\"PCT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"assign\":\"x\",\"created\":\"2026-01-02T03:04:05+01:00\"}"))!;
        var output = ContainerOutput.Create(record);
        Assert.NotNull(output.AdditionalProperties);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)), (DateTimeOffset)output.Created!);
        Assert.Null(output.Customer);
    }
}
