using System.Net.Http;
using Newtonsoft.Json;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>A resource's name, ids and personal fields travel with its requests; the pipeline words and masks by them.</summary>
public class ResourceDescriptorTests
{
    // A second resource, as payment containers will declare it: the pipeline must word its errors without a change.
    private static readonly ResourceDescriptor Containers = new("container", "PCT_", "Get-SecuContainer", new[] { "iban", "bic", "owner" });

    private const string ContainerId = "PCT_WP2PX3WK3QXA5NXF9VZ3NVMTFNE3N8";

    private static ApiRequest Container(HttpMethod method, string? id = ContainerId) =>
        new(method, new Uri("http://127.0.0.1/api/v2/Payment/Containers" + (id == null ? "" : "/" + id)),
            method == HttpMethod.Post ? RequestKind.NonIdempotent : RequestKind.Idempotent) { Resource = Containers, TargetId = id };

    [Fact]
    public void The_customer_descriptor_names_customers()
    {
        var customers = CustomerResource.Descriptor;
        Assert.Equal("customer", customers.DisplayName);
        Assert.Equal("Customer", customers.Title);
        Assert.Equal("PCU_", customers.IdPrefix);
        Assert.Equal("Get-SecuCustomer", customers.GetCommand);
        Assert.Equal("contact", customers.PersonalObject);
        Assert.Contains(customers, ResourceDescriptors.All);
    }

    [Fact]
    public void The_customer_descriptor_lists_every_personal_field_and_only_those()
    {
        var customers = CustomerResource.Descriptor;
        foreach (var field in CustomerFields.All)
        {
            Assert.Equal(field.IsPersonal, customers.PersonalKeys.Contains(field.WireName));
            Assert.Equal(!field.IsPersonal, customers.PlainKeysInPersonalObject.Contains(field.WireName));
        }
        Assert.Contains(CustomerFields.ContactNameWire, customers.PersonalKeys);
    }

    [Fact]
    public void Debug_masks_every_declared_resource_s_personal_members()
    {
        foreach (var key in ResourceDescriptors.All.SelectMany(r => r.PersonalKeys))
        {
            string masked = LogMasker.MaskBody("{\"data\":[{\"" + key + "\":\"personal-value\"}]}");
            Assert.DoesNotContain("personal-value", masked);
        }
        // Inside the personal object every member is masked except the declared plain ones.
        var customers = CustomerResource.Descriptor;
        string body = "{\"" + customers.PersonalObject + "\":{\"not_modelled\":\"personal-value\",\"" + customers.PlainKeysInPersonalObject[0] + "\":\"plain-value\"}}";
        Assert.Equal("{\"contact\":{\"not_modelled\":\"***\",\"" + customers.PlainKeysInPersonalObject[0] + "\":\"plain-value\"}}", LogMasker.MaskBody(body));
    }

    [Fact]
    public void Not_found_names_the_resource_of_the_request()
    {
        var ex = ErrorMapper.FromResponse(Container(HttpMethod.Get), 404, "");
        Assert.Equal(ErrorIds.ProductNotFoundException, ex.ErrorId);
        Assert.StartsWith($"Container {ContainerId} was not found.", ex.Message);

        var forbidden = ErrorMapper.FromResponse(Container(HttpMethod.Get), 403, "{\"error\":\"ProductNotAllowedException\"}");
        Assert.StartsWith($"Container {ContainerId} was not found or is not accessible", forbidden.Message);
    }

    [Fact]
    public void An_uncertain_create_names_the_resource_and_its_Get_cmdlet()
    {
        var ex = ErrorMapper.OutcomeUnknown(Container(HttpMethod.Post, null), "the API answered HTTP 502", new ErrorAnswer(502, "{\"error\":\"ProductInternalException\",\"supportId\":\"s2\"}"), null);
        Assert.Equal(ErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.StartsWith("The container may or may not have been created: the API answered HTTP 502.", ex.Message);
        Assert.Contains("check with Get-SecuContainer before creating it again", ex.Message);
        Assert.Equal("s2", ex.SupportId);
    }

    [Fact]
    public void An_uncertain_change_names_the_item_and_how_to_check_it()
    {
        var uncertain = ErrorMapper.FromResponse(Container(HttpMethod.Put), 502, "{\"error\":\"ProductInternalException\",\"supportId\":\"s3\"}");
        var ex = ErrorMapper.ChangeOutcomeUnknown(Container(HttpMethod.Put), "updated", "HTTP 502", uncertain);
        Assert.StartsWith($"Container {ContainerId} may or may not have been updated: HTTP 502.", ex.Message);
        Assert.Contains($"Check it with Get-SecuContainer -Id {ContainerId}", ex.Message);
        Assert.Equal("s3", ex.SupportId);
        Assert.Equal(502, ex.StatusCode);
    }

    [Fact]
    public void A_request_without_a_resource_is_named_by_its_method_and_URL()
    {
        var request = new ApiRequest(HttpMethod.Post, new Uri("http://127.0.0.1/api/v2/Payment/Containers"), RequestKind.NonIdempotent);
        var ex = ErrorMapper.OutcomeUnknown(request, "no answer within 30 s", null, new OperationCanceledException());
        Assert.StartsWith("POST http://127.0.0.1/api/v2/Payment/Containers may or may not have taken effect: no answer arrived in time.", ex.Message);
        Assert.Equal("no answer within 30 s", ex.Details);
    }

    [Fact]
    public void Error_details_are_one_value_copied_with_changes()
    {
        var info = ErrorInfo.Of(new ErrorAnswer(404, "{\"error\":\"ProductNotFoundException\",\"code\":404,\"supportId\":\"s4\",\"error_user\":\"u\"}"), "gone");
        var copy = info.With(statusCode: 500, details: "other");
        Assert.Equal((404, "gone"), (info.StatusCode, info.Details));
        Assert.Equal((500, "other", "ProductNotFoundException", "404", "s4", "u"), (copy.StatusCode, copy.Details, copy.Error, copy.Code, copy.SupportId, copy.ErrorUser));

        var ex = new SecuApiException(SecuErrorKind.NotFound, ErrorIds.ProductNotFoundException, "m", null, copy).WithNote("n");
        Assert.Same(copy, ex.Info);
        Assert.Equal("m n", ex.Message);
    }

    [Fact]
    public void A_member_map_matches_exactly_first_then_ignoring_case()
    {
        var map = new JsonMemberMap<List<string>>().Add("id", (r, seen) => seen.Add("id")).Add("ID", (r, seen) => seen.Add("ID"));
        var seen = new List<string>();
        var reader = new JsonTextReader(new StringReader("{}"));
        Assert.True(map.TryRead("ID", reader, seen));
        Assert.True(map.TryRead("Id", reader, seen));
        Assert.False(map.TryRead("other", reader, seen));
        Assert.Equal(new[] { "ID", "id" }, seen);
    }

    [Fact]
    public void The_query_language_reads_any_resource_s_field_map()
    {
        var containers = new QueryTranslator(new ContainerFields());
        Assert.Equal("private.owner:Ada%20L*", containers.Filter("Owner:\"Ada L*\"").Replace("\"", ""));
        Assert.Equal("created:[2024-01-02 TO 2024-01-02]", containers.Filter("Created:2024-01-02"));
        Assert.Equal("private.iban:desc", containers.Sort(new[] { "-Iban" }));
        var ex = Assert.Throws<ArgumentException>(() => containers.Sort(new[] { "Surname" }));
        Assert.Contains("neither a container property (Owner, Iban, Created)", ex.Message);
    }

    private sealed class ContainerFields : IQueryFields
    {
        private static readonly Dictionary<string, string> Paths = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Owner"] = "private.owner", ["Iban"] = "private.iban", ["Created"] = "created",
        };

        public IEnumerable<string> Names => Paths.Keys;
        public string Description => "a container property";
        public string ExamplePath => "private.owner";
        public string? PathOf(string name) => Paths.TryGetValue(name, out var path) ? path : null;
        public string? ExactDay(string path, string value) => path == "created" ? value : null;
    }
}
