using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace SecuConnect.Sandbox.Tests;

/// <summary>The contract validator itself: it accepts the documented samples and rejects what breaks the schema.</summary>
public sealed class ContractSchemaTests
{
    private const string Sample = """
        {"object":"payment.customers","id":"PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW",
         "contract":{"object":"payment.contracts","id":"PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH"},
         "merchant":{"object":"general.merchants","id":"MRC_WVHJQFQ4JNVYNG5B55TYK748ZCHQP8"},
         "contact":{"salutation":"Mr.","forename":"John","surname":"Doe","name":"John Doe","companyname":"Example Inc.",
          "dob":"1991-02-03T00:00:00+00:00","email":"example@example.com","phone":"0049123456789",
          "address":{"street":"Example Street","street_number":"6a","postal_code":"01234","city":"Examplecity","country":"DE"}},
         "created":"2024-05-02T10:49:23+02:00"}
        """;

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Sample)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static ApiResponse Answer(string body) =>
        new(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) }, body);

    [Fact]
    public void DocumentedCustomerIsValid()
    {
        Contract.AssertDefinition("PaymentCustomersProductModel", Parse(Sample));
        Contract.AssertResponse("/Payment/Customers/{paymentCustomerId}", "delete", Answer("[" + Sample + "]"));
    }

    [Fact]
    public void CustomerWithoutContractIsValid()
    {
        // Older SDK models removed contract from customers: optional for clients (the sandbox's --omit-contract).
        Contract.AssertDefinition("PaymentCustomersProductModel", Parse(Mutate(o => o.Remove("contract"))));
    }

    public static TheoryData<string> BrokenCustomers() => new()
    {
        Mutate(o => o["id"] = "pcu_3bbsv6c702nca4hr70zavcax3r6caw"),
        Mutate(o => o.Remove("created")),
        Mutate(o => o.Remove("contact")),
        Mutate(o => o["created"] = "yesterday"),
        Mutate(o => o["contact"]!["forename"] = null),
        Mutate(o => o["contact"]!["address"]!["postal_code"] = 1234),
        Mutate(o => o["contract"]!.AsObject().Remove("id")),
        Mutate(o => o["contact"] = "John Doe"),
    };

    [Theory]
    [MemberData(nameof(BrokenCustomers))]
    public void BrokenCustomerIsRejected(string json)
    {
        Assert.Throws<XunitException>(() => Contract.AssertDefinition("PaymentCustomersProductModel", Parse(json)));
    }

    [Fact]
    public void ProjectedListNeedsOnlyWhatWasAskedFor()
    {
        const string list = """{"count":3,"data":[{"object":"payment.customers","id":"PCU_UJZDE8GXD6NCF10EPF91DHODZDOC9I","contact":{"name":"Erika Muster"}}]}""";
        Contract.AssertResponse("/Payment/Customers", "get", Answer(list), projected: true);
        Assert.Throws<XunitException>(() => Contract.AssertResponse("/Payment/Customers", "get", Answer(list)));
        Assert.Throws<XunitException>(() => Contract.AssertResponse("/Payment/Customers", "get",
            Answer("""{"count":1,"data":[{"object":"payment.customers","id":"PCU_UJZDE8GXD6NCF10EPF91DHODZDOC9I","contact":{"name":7}}]}"""), projected: true));
    }

    [Fact]
    public void ErrorPayloadNeedsAllSixKeysAndATypedCode()
    {
        const string ok = """{"status":"error","error":"ProductNotAllowedException","error_details":"Valid auth token required","error_user":"Es ist ein unbekannter Fehler aufgetreten (Code 2003)","code":2003,"supportId":"f8e0173c15b92750819a91ac8d5cc878"}""";
        Contract.AssertDefinition("ProductExceptionPayload", Parse(ok));
        Assert.Throws<XunitException>(() => Contract.AssertDefinition("ProductExceptionPayload", Parse(ok.Replace("\"supportId\"", "\"support_id\""))));
        Assert.Throws<XunitException>(() => Contract.AssertDefinition("ProductExceptionPayload", Parse(ok.Replace("2003,", "true,"))));
    }

    [Fact]
    public void TokenAnswerAllowsANullScopeButNeedsTheToken()
    {
        Contract.AssertDefinition("OAuthTokenResponse", Parse("""{"access_token":"c0p22mjoea0vktmfe09r9h1b40","expires_in":1200,"token_type":"bearer","scope":null}"""));
        Assert.Throws<XunitException>(() => Contract.AssertDefinition("OAuthTokenResponse", Parse("""{"expires_in":1200,"token_type":"bearer"}""")));
        Assert.Throws<XunitException>(() => Contract.AssertDefinition("OAuthTokenResponse", Parse("""{"access_token":"x","expires_in":"1200","token_type":"bearer"}""")));
    }
}
