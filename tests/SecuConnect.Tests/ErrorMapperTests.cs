using System.Net.Http;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

public class ErrorMapperTests
{
    private const string Id = "PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW";

    private static ApiRequest ById(HttpMethod method) =>
        new(method, new Uri("http://127.0.0.1/api/v2/Payment/Customers/" + Id), RequestKind.Idempotent) { TargetId = Id };

    private static ApiRequest List() =>
        new(HttpMethod.Get, new Uri("http://127.0.0.1/api/v2/Payment/Customers?q=x"), RequestKind.Idempotent);

    [Fact]
    public void Json_payload_with_an_integer_code_fills_every_field()
    {
        var ex = ErrorMapper.FromResponse(ById(HttpMethod.Get), 404,
            "{\"status\":\"error\",\"error\":\"ProductNotFoundException\",\"error_details\":\"payment customer not found\",\"error_user\":\"x\",\"code\":404,\"supportId\":\"3a13043b026c48bbf33feff9243a8f50\"}");
        Assert.Equal("ProductNotFoundException", ex.ErrorId);
        Assert.Equal(SecuErrorKind.NotFound, ex.Kind);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("404", ex.Code);
        Assert.Equal("payment customer not found", ex.Details);
        Assert.Equal("3a13043b026c48bbf33feff9243a8f50", ex.SupportId);
        Assert.Equal("GET", ex.Method);
        Assert.Contains("3a13043b026c48bbf33feff9243a8f50", ex.Message);
        Assert.Contains(Id, ex.Message);
    }

    [Fact]
    public void Code_as_a_string_is_read_too()
    {
        var ex = ErrorMapper.FromResponse(List(), 400, "{\"error\":\"ProductFormatException\",\"error_details\":\"invalid email\",\"code\":\"400\"}");
        Assert.Equal("400", ex.Code);
        Assert.Equal("ProductFormatException", ex.ErrorId);
        Assert.Equal(SecuErrorKind.InvalidData, ex.Kind);
        Assert.Contains("invalid email", ex.Message);
    }

    [Fact]
    public void Token_refusal_is_recognised_with_code_as_string_or_number()
    {
        Assert.True(ErrorMapper.IsTokenRejected(403, ErrorMapper.ParsePayload("{\"code\":\"2003\"}", out _)));
        Assert.True(ErrorMapper.IsTokenRejected(403, ErrorMapper.ParsePayload("{\"code\":2003}", out _)));
        Assert.True(ErrorMapper.IsTokenRejected(401, null));
        Assert.False(ErrorMapper.IsTokenRejected(403, ErrorMapper.ParsePayload("{\"code\":403,\"error\":\"ProductNotAllowedException\"}", out _)));
    }

    [Fact]
    public void Non_json_body_keeps_the_status_and_the_first_200_characters()
    {
        string body = "<html>" + new string('x', 500) + "</html>";
        var ex = ErrorMapper.FromResponse(List(), 502, body);
        Assert.Equal(502, ex.StatusCode);
        Assert.Equal("ServiceUnavailable", ex.ErrorId);
        Assert.Equal(ErrorMapper.MaxPlainBodyLength, ex.Details!.Length);
        Assert.Equal(body.Substring(0, 200), ex.Details);
    }

    [Fact]
    public void A_403_to_a_delete_is_permission_denied_with_the_servers_details()
    {
        var ex = ErrorMapper.FromResponse(ById(HttpMethod.Delete), 403,
            "{\"error\":\"ProductNotAllowedException\",\"error_details\":\"deleting payment containers needs additional access rights, which this API user does not have\",\"code\":403}");
        Assert.Equal("ProductNotAllowedException", ex.ErrorId);
        Assert.Equal(SecuErrorKind.PermissionDenied, ex.Kind);
        Assert.Contains("was not removed", ex.Message);
        Assert.Contains("lacks the rights", ex.Message);
        Assert.Contains("needs additional access rights", ex.Message);
        Assert.DoesNotContain("not found", ex.Message);
    }

    [Fact]
    public void Other_403_on_a_by_id_call_is_not_found_or_not_accessible()
    {
        var ex = ErrorMapper.FromResponse(ById(HttpMethod.Get), 403, "{\"error\":\"ProductNotAllowedException\",\"code\":403}");
        Assert.Equal("ProductNotAllowedException", ex.ErrorId);
        Assert.Equal(SecuErrorKind.NotFound, ex.Kind);
        Assert.Contains("not found or is not accessible", ex.Message);

        var listing = ErrorMapper.FromResponse(List(), 403, "{\"error\":\"ProductNotAllowedException\",\"code\":403}");
        Assert.Equal(SecuErrorKind.PermissionDenied, listing.Kind);
    }

    [Theory]
    [InlineData(404, "ProductNotFoundException")]
    [InlineData(400, "ProductFormatException")]
    [InlineData(403, "ProductNotAllowedException")]
    [InlineData(500, "ServiceUnavailable")]
    [InlineData(429, "RateLimited")]
    public void Without_an_api_name_the_status_chooses_the_id(int status, string errorId)
    {
        Assert.Equal(errorId, ErrorMapper.FromResponse(ById(HttpMethod.Get), status, "").ErrorId);
    }

    [Fact]
    public void Unsafe_api_names_are_not_used_as_error_ids()
    {
        var ex = ErrorMapper.FromResponse(List(), 500, "{\"error\":\"bad, name\"}");
        Assert.Equal("ServiceUnavailable", ex.ErrorId);
    }

    [Fact]
    public void Outcome_unknown_wins_over_the_body()
    {
        var request = new ApiRequest(HttpMethod.Post, new Uri("http://127.0.0.1/api/v2/Payment/Customers"), RequestKind.NonIdempotent);
        var ex = ErrorMapper.OutcomeUnknown(request, "the API answered HTTP 500", new ErrorAnswer(500, "{\"error\":\"ProductInternalException\",\"supportId\":\"s1\"}"), null);
        Assert.Equal("OutcomeUnknown", ex.ErrorId);
        Assert.Equal("ProductInternalException", ex.Error);
        Assert.Equal("s1", ex.SupportId);
    }

    // Ids only a fake server produces: the sandbox always names its errors.

    [Fact]
    public void A_token_refusal_that_names_no_OAuth_error_is_AuthenticationFailed()
    {
        var request = new ApiRequest(HttpMethod.Post, new Uri("http://127.0.0.1:5999/oauth/token"), RequestKind.Token);
        var ex = ErrorMapper.FromResponse(request, 401, "");
        Assert.Equal("AuthenticationFailed", ex.ErrorId);
        Assert.Equal(SecuErrorKind.AuthenticationRejected, ex.Kind);
    }

    [Theory]
    [InlineData(405, "HttpError405")]
    [InlineData(409, "HttpError409")]
    public void A_status_no_rule_covers_and_the_API_does_not_name_is_HttpError_and_the_status(int status, string errorId)
    {
        var request = new ApiRequest(HttpMethod.Put, new Uri("http://127.0.0.1:5999/api/v2/Payment/Containers/X"), RequestKind.Idempotent);
        var ex = ErrorMapper.FromResponse(request, status, "");
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(SecuErrorKind.Other, ex.Kind);
    }

    // The API's own exception name wins over the status's fallback id, and each status has its summary.
    [Theory]
    [InlineData(403, true, "Item " + Id + " was not found or is not accessible", SecuErrorKind.NotFound)]
    [InlineData(403, false, "The API does not allow this action", SecuErrorKind.PermissionDenied)]
    [InlineData(404, true, "Item " + Id + " was not found", SecuErrorKind.NotFound)]
    [InlineData(404, false, "Not found", SecuErrorKind.NotFound)]
    [InlineData(400, false, "The API rejected the request data", SecuErrorKind.InvalidData)]
    [InlineData(413, false, "The API rejected the request data", SecuErrorKind.InvalidData)]
    [InlineData(422, false, "The API rejected the request data", SecuErrorKind.InvalidData)]
    [InlineData(500, false, "The API failed with HTTP 500", SecuErrorKind.Unavailable)]
    [InlineData(409, false, "The API answered HTTP 409", SecuErrorKind.Other)]
    public void The_APIs_own_error_name_wins_and_the_status_words_the_summary(int status, bool byId, string summary, object kind)
    {
        var ex = ErrorMapper.FromResponse(byId ? ById(HttpMethod.Get) : List(), status, "{\"error\":\"ProductVendorException\"}");
        Assert.Equal("ProductVendorException", ex.ErrorId);
        Assert.Equal((SecuErrorKind)kind, ex.Kind);
        Assert.StartsWith(summary + ". (GET ", ex.Message);
    }

    [Theory]
    [InlineData(429, "The API is throttling requests (429 Too Many Requests)")]
    [InlineData(401, "The API rejected the access token")]
    public void Throttling_and_a_refused_token_have_fixed_ids_and_summaries(int status, string summary)
    {
        var ex = ErrorMapper.FromResponse(List(), status, "{\"error\":\"ProductVendorException\"}");
        Assert.StartsWith(summary + ". (GET ", ex.Message);
    }

    [Fact]
    public void A_token_endpoint_failure_is_worded_for_the_token_endpoint()
    {
        var token = new ApiRequest(HttpMethod.Post, new Uri("http://127.0.0.1:5999/oauth/token"), RequestKind.Token);
        var limited = ErrorMapper.FromResponse(token, 429, "");
        Assert.Equal((SecuErrorKind.RateLimited, "RateLimited"), (limited.Kind, limited.ErrorId));
        Assert.StartsWith("The token endpoint is not available. (POST ", limited.Message);

        var down = ErrorMapper.FromResponse(token, 500, "");
        Assert.Equal((SecuErrorKind.Unavailable, "ServiceUnavailable"), (down.Kind, down.ErrorId));
        Assert.StartsWith("The token endpoint is not available. (POST ", down.Message);
        Assert.Equal("server_error", ErrorMapper.FromResponse(token, 503, "{\"error\":\"server_error\"}").ErrorId);

        // The OAuth shape: its error names the refusal, its error_description explains it.
        var refused = ErrorMapper.FromResponse(token, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
        Assert.Equal("invalid_client", refused.ErrorId);
        Assert.StartsWith("The token endpoint rejected the client credentials: Client authentication failed. (POST ", refused.Message);
    }

    [Fact]
    public void A_403_saying_a_valid_auth_token_is_required_is_a_refused_token_in_any_case()
    {
        Assert.True(ErrorMapper.IsTokenRejected(403, ErrorMapper.ParsePayload("{\"error_details\":\"valid AUTH token required\"}", out _)));
        Assert.False(ErrorMapper.IsTokenRejected(403, ErrorMapper.ParsePayload("{\"error_details\":\"not your customer\"}", out _)));
    }

    [Theory]
    [InlineData("{\"error_details\":\"x\"}")]
    [InlineData("{\"error_description\":\"x\"}")]
    [InlineData("{\"code\":7}")]
    public void Any_one_member_of_the_error_shapes_makes_a_body_the_APIs_payload(string body)
    {
        Assert.NotNull(ErrorMapper.ParsePayload(body, out var plain));
        Assert.Null(plain);
    }
}
