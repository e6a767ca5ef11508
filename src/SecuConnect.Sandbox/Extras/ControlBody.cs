using System.Text.Json;
using SecuConnect.Sandbox.Http;

namespace SecuConnect.Sandbox.Extras;

/// <summary>The opening every configuration body of the sandbox's controls shares (extra fields, shapes), on the API bodies' reader.</summary>
public static class ControlBody
{
    /// <summary>
    /// The body's top-level JSON object (a UTF-8 byte order mark tolerated, at most 64 levels deep); null and
    /// <paramref name="error"/> set when the body is no JSON or no object.
    /// </summary>
    public static JsonElement? ReadObject(ReadOnlySpan<byte> json, out string? error)
    {
        error = null;
        JsonDocument doc;
        try
        {
            // A control takes its first JSON value; what follows it is not read.
            doc = JsonBody.ParseValue(json, out _);
        }
        catch (JsonException e)
        {
            error = "malformed JSON: " + e.Message;
            return null;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) { error = "a JSON object expected"; return null; }
            return doc.RootElement.Clone(); // outlives the document, which goes back to the pool here
        }
    }
}
