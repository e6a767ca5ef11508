using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Auth;

/// <summary>POST /oauth/token: the client_credentials grant with JSON or form bodies (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public sealed class TokenEndpoint(ClientRegistry clients, TokenService tokens)
{
    public const string Scope = "https://scope.secucard.com/e/api";

    public ApiResult Handle(HttpRequest request, byte[] body)
    {
        var p = ReadParameters(request, body);
        p.TryGetValue("grant_type", out string? grant);
        if (string.IsNullOrEmpty(grant))
            return ApiErrors.OAuth("invalid_request", "The grant type was not specified in the request");
        if (grant != "client_credentials")
            return ApiErrors.OAuth("unsupported_grant_type", $"Grant type \"{grant}\" not supported");

        p.TryGetValue("client_id", out string? id);
        p.TryGetValue("client_secret", out string? secret);
        if ((id == null || secret == null) && TryBasic(request, out var basicId, out var basicSecret))
        {
            id ??= basicId;
            secret ??= basicSecret;
        }
        if (id == null && secret == null)
            return ApiErrors.OAuth("invalid_client", "Client credentials were not found in the headers or body");
        if (string.IsNullOrEmpty(id) || !clients.Validate(id, secret))
            return ApiErrors.OAuth("invalid_client", "The client credentials are invalid");

        var (token, lifetime) = tokens.Issue();
        var answer = new TokenResponse(token, lifetime, "bearer", Scope);
        return new ApiResult(200, JsonSerializer.SerializeToUtf8Bytes(answer, SandboxJson.Context.TokenResponse)) { NoStore = true };
    }

    // JSON when the body looks like (or is declared as) JSON, form encoding otherwise; the SDKs send both.
    private static Dictionary<string, string?> ReadParameters(HttpRequest request, byte[] body)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var span = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (span.Length == 0) return result;
        if (span[0] == (byte)'{' || (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return result;
                foreach (var prop in doc.RootElement.EnumerateObject())
                {
                    result[prop.Name] = prop.Value.ValueKind switch
                    {
                        JsonValueKind.String => prop.Value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => prop.Value.GetRawText(),
                        _ => null,
                    };
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
            {
                result.Clear();
            }
            return result;
        }
        string text;
        try { text = new UTF8Encoding(false, true).GetString(body); }
        catch (DecoderFallbackException) { return result; }
        foreach (var kv in QueryHelpers.ParseQuery(text))
            result[kv.Key] = kv.Value.ToString();
        return result;
    }

    private static bool TryBasic(HttpRequest request, out string? id, out string? secret)
    {
        id = secret = null;
        string? header = request.Headers.Authorization;
        if (header == null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            int colon = decoded.IndexOf(':');
            if (colon < 0) return false;
            id = Uri.UnescapeDataString(decoded[..colon]);
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException) { return false; }
    }
}
