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
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) body = body[3..];
        if (!Utf8.IsValid(body)) return "invalid payload: the body is not valid UTF-8";
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            var parsed = JsonDocument.ParseValue(ref reader);
            // ParseValue stops after the first value: trailing content is malformed JSON.
            if (reader.BytesConsumed < body.Length && !IsWhitespace(body[(int)reader.BytesConsumed..]))
            {
                parsed.Dispose();
                return "invalid payload: malformed JSON";
            }
            doc = parsed;
            return null;
        }
        catch (JsonException) { return body.Length == 0 || IsWhitespace(body) ? "no payload" : "invalid payload: malformed JSON"; }
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
            if (b is not (0x20 or 0x09 or 0x0A or 0x0D)) return false;
        return true;
    }
}
