using System.Net;
using System.Text.Json;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>A fully read HTTP answer: status, reason phrase, headers and body.</summary>
public sealed class ApiResponse
{
    private JsonElement? _json;

    public ApiResponse(HttpResponseMessage message, string body)
    {
        Status = message.StatusCode;
        Reason = message.ReasonPhrase;
        Headers = message.Headers;
        ContentType = message.Content.Headers.ContentType?.ToString();
        Body = body;
    }

    public HttpStatusCode Status { get; }
    public int StatusCode => (int)Status;
    public string? Reason { get; }
    public System.Net.Http.Headers.HttpResponseHeaders Headers { get; }
    public string? ContentType { get; }
    public string Body { get; }

    /// <summary>The body as JSON; fails the test with the raw body when it is not JSON.</summary>
    public JsonElement Json
    {
        get
        {
            if (_json is null)
            {
                try
                {
                    using var doc = JsonDocument.Parse(Body);
                    _json = doc.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    throw new Xunit.Sdk.XunitException($"Answer {StatusCode} is not JSON ({ex.Message}): {Truncate(Body)}");
                }
            }
            return _json.Value;
        }
    }

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public override string ToString() => $"{StatusCode} {Reason}: {Truncate(Body)}";

    private static string Truncate(string s) => s.Length > 600 ? s[..600] + "…" : s;
}
