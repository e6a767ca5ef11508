using System.Text.Json.Serialization;

namespace SecuConnect.Sandbox.Models;

/// <summary>ProductExceptionPayload (the contract copy, tests/Contract/payment-customers.openapi.json). <c>error</c> is left out (null) only in injected faults without an API name.</summary>
public sealed record ErrorPayload(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_details")] string ErrorDetails,
    [property: JsonPropertyName("error_user")] string ErrorUser,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("supportId")] string SupportId);
