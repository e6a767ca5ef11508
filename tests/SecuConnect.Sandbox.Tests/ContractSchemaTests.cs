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

    private const string ContainerSample = """
        {"object":"payment.containers","id":"PCT_WFEJ5YXXS2X7SCSY70ZAVHY5EN8MP7",
         "contract":{"object":"payment.contracts","id":"PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH"},
         "merchant":{"object":"general.merchants","id":"MRC_WVHJQFQ4JNVYNG5B55TYK748ZCHQP8"},
         "type":"bank_account",
         "public":{"iban":"DE37503240001000000524","bic":"FTSBDEFAXXX","owner":"John Doe","bankname":"ABN AMRO Bank Frankfurt"},
         "private":{"iban":"DE37503240001000000524","bic":"FTSBDEFAXXX","owner":"John Doe","bankname":"ABN AMRO Bank Frankfurt"},
         "mandate":{"sepa_mandate_id":"1000001","iban":"DE37503240001000000524","bic":"FTSBDEFAXXX","type":"COR","status":"active","identification":"MREF-WFEJ5YXXS2X7SCSY70ZAVHY5EN8MP7","creditor_id":"DE98ZZZ09999999999"},
         "created":"2024-05-02T10:49:23+02:00"}
        """;

    private static string MutateContainer(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(ContainerSample)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public void ContainerSamplesAreValid()
    {
        Contract.AssertDefinition("PaymentContainersProductModel", Parse(ContainerSample));
        Contract.AssertResponse("/Payment/Containers/{paymentContainerId}", "delete", Answer("[" + ContainerSample + "]"));
        // Linked: the full customer embedded; masked: no private part.
        Contract.AssertDefinition("PaymentContainersProductModel", Parse(MutateContainer(o => o["customer"] = JsonNode.Parse(Sample))));
        Contract.AssertDefinition("PaymentContainersProductModel", Parse(MutateContainer(o => o.Remove("private"))));
    }

    public static TheoryData<string> BrokenContainers() => new()
    {
        MutateContainer(o => o["id"] = "PCU_WFEJ5YXXS2X7SCSY70ZAVHY5EN8MP7"),
        MutateContainer(o => o["object"] = "payment.customers"),
        MutateContainer(o => o.Remove("created")),
        MutateContainer(o => o.Remove("public")),
        MutateContainer(o => o["private"]!["iban"] = "de37 5032 4000 1000 0005 24"),
        MutateContainer(o => o["private"]!["bic"] = "FTSBDEFAX"),
        MutateContainer(o => o["customer"] = JsonNode.Parse(Sample.Replace("PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW", "PCU_1"))),
        MutateContainer(o => o["mandate"]!.AsObject().Remove("identification")),
    };

    [Theory]
    [MemberData(nameof(BrokenContainers))]
    public void BrokenContainerIsRejected(string json)
    {
        Assert.Throws<XunitException>(() => Contract.AssertDefinition("PaymentContainersProductModel", Parse(json)));
    }
}
