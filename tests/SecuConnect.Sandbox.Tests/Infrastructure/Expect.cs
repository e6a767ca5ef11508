using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>Assertions shared by the contract tests (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public static partial class Expect
{
    [GeneratedRegex("^PCU_[A-Z0-9]{30}$")]
    public static partial Regex CustomerId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    public static partial Regex Timestamp();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex SupportId();

    /// <summary>Answers are application/json; charset=UTF-8.</summary>
    public static void JsonContentType(ApiResponse r)
    {
        Assert.NotNull(r.ContentType);
        var parts = r.ContentType!.Split(';', StringSplitOptions.TrimEntries);
        Assert.Equal("application/json", parts[0], ignoreCase: true);
        Assert.Contains(parts, p => p.Equals("charset=UTF-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A POST whose body is over the 1 MiB limit: answered 413 ProductFormatException and logged as such. The sandbox may
    /// answer and close the connection before the client has written the whole body: the client then sees its write
    /// fail instead of the answer, and the log may hold the POST without a status (0).
    /// </summary>
    public static async Task BodyOverLimitAsync(SandboxProcess sandbox, Func<Task<ApiResponse>> post)
    {
        ApiResponse? answer = null;
        try
        {
            answer = await post();
        }
        catch (HttpRequestException)
        {
            // The broken pipe or reset of the race above; the log below still proves the POST was refused.
        }
        if (answer != null) Error(answer, 413, "ProductFormatException", "1 MiB");
        var logged = (await sandbox.RequestLogAsync()).EnumerateArray().Last(e => e.GetProperty("method").GetString() == "POST");
        Assert.Contains(logged.GetProperty("status").ValueKind == JsonValueKind.Number ? logged.GetProperty("status").GetInt32() : -1, new[] { 413, 0 });
    }

    /// <summary>A ProductExceptionPayload answer (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
    public static void Error(ApiResponse r, int status, string error, string? detailsContain = null, int? code = null)
    {
        Assert.True(r.StatusCode == status, $"expected {status} {error}, got {r}");
        Assert.Equal(error, r.Reason);
        JsonContentType(r);
        var json = r.Json;
        Contract.AssertDefinition("ProductExceptionPayload", json);
        foreach (var key in new[] { "status", "error", "error_details", "error_user", "code", "supportId" })
        {
            Assert.True(json.TryGetProperty(key, out _), $"error payload lacks '{key}': {r.Body}");
        }
        Assert.Equal("error", json.GetProperty("status").GetString());
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("code").ValueKind);
        var expectedCode = code ?? status;
        Assert.Equal(expectedCode, json.GetProperty("code").GetInt32());
        Assert.Equal($"Es ist ein unbekannter Fehler aufgetreten (Code {expectedCode})", json.GetProperty("error_user").GetString());
        Assert.Matches(SupportId(), json.GetProperty("supportId").GetString());
        if (detailsContain is not null)
        {
            Assert.Contains(detailsContain, json.GetProperty("error_details").GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The auth failure of the contract copy (tests/Contract/payment-customers.openapi.json): ProductNotAllowedException, code 2003.</summary>
    public static void AuthFailure(ApiResponse r, int status = 403)
    {
        Error(r, status, "ProductNotAllowedException", code: 2003);
        Assert.Equal("Valid auth token required", r.Json.GetProperty("error_details").GetString());
    }

    /// <summary>What every stored customer looks like (the contract copy, tests/Contract/payment-customers.openapi.json), beyond the schema.</summary>
    public static void CustomerRecord(JsonElement c)
    {
        Contract.AssertDefinition("PaymentCustomersProductModel", c);
        foreach (var field in Contract.RequiredOf("PaymentCustomersProductModel"))
        {
            Assert.True(c.TryGetProperty(field, out _), $"customer lacks required '{field}': {c}");
        }
        Assert.Equal("payment.customers", c.GetProperty("object").GetString());
        Assert.Matches(CustomerId(), c.GetProperty("id").GetString());
        Assert.Equal("payment.contracts", c.GetProperty("contract").GetProperty("object").GetString());
        Assert.Matches("^PCR_[A-Z0-9]{30}$", c.GetProperty("contract").GetProperty("id").GetString());
        Assert.Equal("general.merchants", c.GetProperty("merchant").GetProperty("object").GetString());
        Assert.Matches("^MRC_[A-Z0-9]{30}$", c.GetProperty("merchant").GetProperty("id").GetString());
        UtcTimestamp(c.GetProperty("created").GetString());
        if (c.TryGetProperty("updated", out var updated)) UtcTimestamp(updated.GetString());
        NoNullOrEmpty(c, "$");

        var contact = c.GetProperty("contact");
        var fore = contact.TryGetProperty("forename", out var f) ? f.GetString() : null;
        var sur = contact.TryGetProperty("surname", out var s) ? s.GetString() : null;
        var expectedName = fore is not null && sur is not null ? fore + " " + sur : fore ?? sur;
        if (expectedName is null) Assert.False(contact.TryGetProperty("name", out _), $"name without forename or surname: {contact}");
        else Assert.Equal(expectedName, contact.GetProperty("name").GetString());
    }

    /// <summary>yyyy-MM-ddTHH:mm:ss+00:00: no fractions, never Z, the default zone UTC.</summary>
    public static DateTimeOffset UtcTimestamp(string? value)
    {
        Assert.NotNull(value);
        Assert.Matches(Timestamp(), value);
        Assert.EndsWith("+00:00", value);
        return DateTimeOffset.ParseExact(value!, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>Answers never hold null, and "" means not set, so it is omitted too.</summary>
    public static void NoNullOrEmpty(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
                throw new Xunit.Sdk.XunitException($"null at {path}");
            case JsonValueKind.String when e.GetString() == "":
                throw new Xunit.Sdk.XunitException($"empty string at {path}");
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) NoNullOrEmpty(p.Value, path + "." + p.Name);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) NoNullOrEmpty(item, $"{path}[{i++}]");
                break;
        }
    }

    /// <summary>The ids of a list answer's data, in order.</summary>
    public static string[] Ids(JsonElement list) =>
        list.GetProperty("data").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToArray();

    public static string? At(JsonElement e, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e)) return null;
        }
        return e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
    }
}
