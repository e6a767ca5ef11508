using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace SecuConnect.Sandbox.Http;

/// <summary>Reading bodies with the size limit, normalising paths and writing <see cref="ApiResult"/>s.</summary>
public static class HttpIo
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const string JsonContentType = "application/json; charset=UTF-8";

    /// <summary>Merges repeated slashes and drops a trailing one: "//oauth/token/" → "/oauth/token".</summary>
    public static string NormalisePath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "/";
        bool clean = !path.Contains("//", StringComparison.Ordinal) && (path.Length == 1 || path[^1] != '/');
        if (clean) return path;
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

    /// <summary>Reads the body; null when it exceeds <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        int initial = request.ContentLength is { } len ? (int)len : 4096;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));
        int total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > MaxBodyBytes) return null;
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int n = await request.Body.ReadAsync(buffer.AsMemory(total), ct);
                if (n == 0) break;
                total += n;
                if (total > MaxBodyBytes) return null;
            }
            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static Task WriteAsync(HttpContext ctx, ApiResult result)
    {
        var response = ctx.Response;
        response.StatusCode = result.Status;
        if (result.Reason != null) ctx.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = result.Reason;
        response.ContentType = JsonContentType;
        if (result.NoStore)
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
        }
        if (result.RetryAfter != null) response.Headers.RetryAfter = result.RetryAfter;
        if (result.Allow != null) response.Headers.Allow = result.Allow;
        response.ContentLength = result.Body.Length;
        return response.Body.WriteAsync(result.Body, 0, result.Body.Length, ctx.RequestAborted);
    }
}
