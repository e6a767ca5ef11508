using System.Text.Json;
using System.Text.Unicode;

namespace SecuConnect.Sandbox.Http;

/// <summary>Reads an API request body as one JSON value, the same way for every resource.</summary>
public static class JsonBody
{
    /// <summary>
    /// Returns null and sets <paramref name="doc"/> (the caller disposes it), or returns the error_details text: no
    /// payload, not UTF-8, malformed JSON. A UTF-8 byte order mark is tolerated.
    /// </summary>
    public static string? TryParse(ReadOnlySpan<byte> body, out JsonDocument? doc)
    {
        doc = null;
        var text = body.StartsWith(Bom) ? body[3..] : body;
        if (!Utf8.IsValid(text)) return "invalid payload: the body is not valid UTF-8";
        try
        {
            var parsed = ParseValue(body, out bool trailing);
            if (trailing)
            {
                parsed.Dispose();
                return "invalid payload: malformed JSON";
            }
            doc = parsed;
            return null;
        }
        catch (JsonException) { return text.Length == 0 || IsWhitespace(text) ? "no payload" : "invalid payload: malformed JSON"; }
    }

    /// <summary>
    /// The one reading of a JSON body's first value, for API requests and control bodies alike: a UTF-8 byte order
    /// mark skipped, comments refused, at most 64 levels deep. Throws <see cref="JsonException"/> for malformed JSON;
    /// <paramref name="trailing"/> tells whether anything but whitespace follows the value.
    /// </summary>
    public static JsonDocument ParseValue(ReadOnlySpan<byte> body, out bool trailing)
    {
        if (body.StartsWith(Bom)) body = body[3..];
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        var doc = JsonDocument.ParseValue(ref reader);
        // ParseValue stops after the first value.
        trailing = reader.BytesConsumed < body.Length && !IsWhitespace(body[(int)reader.BytesConsumed..]);
        return doc;
    }

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private static bool IsWhitespace(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
            if (b is not (0x20 or 0x09 or 0x0A or 0x0D)) return false;
        return true;
    }
}
