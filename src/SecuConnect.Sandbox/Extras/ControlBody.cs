using System.Text.Json;

namespace SecuConnect.Sandbox.Extras;

/// <summary>The opening every configuration body of the sandbox's controls shares (extra fields, shapes).</summary>
public static class ControlBody
{
    /// <summary>
    /// The body's top-level JSON object (a UTF-8 byte order mark tolerated, at most 64 levels deep); null and
    /// <paramref name="error"/> set when the body is no JSON or no object.
    /// </summary>
    public static JsonElement? ReadObject(ReadOnlySpan<byte> json, out string? error)
    {
        error = null;
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) json = json[3..];
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            doc = JsonDocument.ParseValue(ref reader);
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
