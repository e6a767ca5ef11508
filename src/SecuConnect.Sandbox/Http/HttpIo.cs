using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace SecuConnect.Sandbox.Http;

/// <summary>Path normalisation, request bodies (limited by Kestrel's MaxRequestBodySize) and header checks.</summary>
public static class HttpIo
{
    /// <summary>Kestrel's MaxRequestBodySize for every request: a larger body fails its read with 413.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Merges repeated slashes and drops a trailing one: "//oauth/token/" → "/oauth/token".</summary>
    public static string NormalisePath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "/";
        if (IsNormal(path)) return path;
        var sb = new StringBuilder(path.Length);
        char prev = '\0';
        foreach (char c in path)
        {
            if (c == '/' && prev == '/') continue;
            sb.Append(c);
            prev = c;
        }
        if (sb.Length > 1 && sb[^1] == '/') sb.Length--;
        return sb.ToString();
    }

    public static bool IsNormal(string path) =>
        !path.Contains("//", StringComparison.Ordinal) && (path.Length == 1 || path[^1] != '/');

    /// <summary>
    /// The whole body. Kestrel enforces <see cref="MaxBodyBytes"/> while it is read: a larger declared or chunked
    /// body throws <see cref="BadHttpRequestException"/> with status 413.
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            if (read.IsCompleted)
            {
                byte[] body = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }
            // Nothing consumed, everything examined: the next read waits for more bytes.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>A body is present: a Content-Length above 0 or a chunked body.</summary>
    public static bool HasBody(HttpContext ctx) =>
        ctx.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? ctx.Request.ContentLength > 0;

    public static bool IsMediaType(string? contentType, string mediaType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The request target's path as the client sent it (before any decoding); null when unavailable.</summary>
    public static string? RawPath(HttpContext ctx)
    {
        string? target = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/') return null;
        int q = target.IndexOf('?');
        return q < 0 ? target : target[..q];
    }

    /// <summary>A JSON value wrapped in a one-element array: the API answers a DELETE with [the deleted record].</summary>
    public static byte[] AsArray(byte[] json)
    {
        byte[] body = new byte[json.Length + 2];
        body[0] = (byte)'[';
        json.CopyTo(body, 1);
        body[^1] = (byte)']';
        return body;
    }
}
