using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Errors;

/// <summary>Builds ProductExceptionPayload answers (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public static class ApiErrors
{
    public const string NotAllowed = "ProductNotAllowedException";
    public const string NotFound = "ProductNotFoundException";
    public const string Format = "ProductFormatException";
    public const string Internal = "ProductInternalException";
    public const string Security = "ProductSecurityException";

    /// <summary>A payment instrument stored twice for one customer (the vendor names this exception for other products).</summary>
    public const string Duplicate = "ProductDuplicateException";
    public const int TokenErrorCode = 2003;

    /// <summary>
    /// The exception name the live API uses for a status (the contract copy, tests/Contract/payment-customers.openapi.json), or null where none is known: an
    /// injected fault then answers without <c>error</c>, as a gateway or overloaded front end would not name one.
    /// </summary>
    public static string? NameForStatus(int status) => status switch
    {
        400 or 413 => Format,
        401 => Security,
        403 or 405 => NotAllowed,
        404 => NotFound,
        500 => Internal,
        _ => null,
    };

    public static ApiResult Create(int status, string? error, string details, int? code = null)
    {
        int c = code ?? status;
        var payload = new ErrorPayload("error", error, details,
            string.Create(CultureInfo.InvariantCulture, $"Es ist ein unbekannter Fehler aufgetreten (Code {c})"), c, NewSupportId());
        return new ApiResult(status, JsonSerializer.SerializeToUtf8Bytes(payload, SandboxJson.Context.ErrorPayload), error);
    }

    public static ApiResult BadRequest(string details) => Create(400, Format, details);
    public static ApiResult NotFoundResult(string details) => Create(404, NotFound, details);
    public static ApiResult TokenRequired(int status) => Create(status, NotAllowed, "Valid auth token required", TokenErrorCode);
    public static ApiResult TooLarge() => Create(413, Format, "payload too large: at most 1 MiB allowed");
    public static ApiResult MethodNotAllowed(string method, string allow)
    {
        var r = Create(405, NotAllowed, $"method {method} is not allowed on this resource");
        return new ApiResult(r.Status, r.Body, r.Reason) { Allow = allow };
    }

    public static ApiResult OAuth(string error, string description) =>
        new(400, JsonSerializer.SerializeToUtf8Bytes(new OAuthError(error, description), SandboxJson.Context.OAuthError)) { NoStore = true };

    private static string NewSupportId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
