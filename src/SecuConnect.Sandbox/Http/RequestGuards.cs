using System.Net;
using Microsoft.Net.Http.Headers;
using SecuConnect.Sandbox.Errors;

namespace SecuConnect.Sandbox.Http;

/// <summary>
/// Checks that keep a sandbox on a developer's machine out of reach of web pages: a browser sends an Origin header
/// with cross-site requests, a foreign Host header after DNS rebinding, and can POST text/plain or form bodies
/// without a preflight; a local script sends none of these.
/// </summary>
public static class RequestGuards
{
    /// <summary>localhost or a loopback IP literal (127.0.0.0/8, ::1), with any port.</summary>
    public static bool IsLoopbackHost(HostString host)
    {
        string? name = host.Host;
        if (string.IsNullOrEmpty(name)) return false;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>
    /// Null when a test-control request may go ahead, else the refusal: a foreign Host, an Origin, a body that is not
    /// JSON, a caller that is not on loopback.
    /// </summary>
    public static ApiResult? CheckControl(HttpContext ctx)
    {
        var request = ctx.Request;
        if (!IsLoopbackHost(request.Host))
            return ApiErrors.Create(403, ApiErrors.NotAllowed, "test controls need a loopback Host header (localhost, 127.0.0.1 or [::1])");
        if (request.Headers.ContainsKey(HeaderNames.Origin))
            return ApiErrors.Create(403, ApiErrors.NotAllowed, "test controls refuse requests carrying an Origin header (web pages)");
        if (HttpIo.HasBody(ctx) && request.ContentLength != 0 && !HttpIo.IsMediaType(request.ContentType, "application/json"))
            return ApiErrors.Create(415, ApiErrors.Format, "test controls take request bodies as application/json only");
        var remote = ctx.Connection.RemoteIpAddress;
        if (remote != null && !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
            return ApiErrors.Create(403, ApiErrors.NotAllowed, "test controls are available from loopback only");
        return null;
    }

    public static ApiResult Misdirected(HostString host) =>
        ApiErrors.Create(421, ApiErrors.NotAllowed,
            $"misdirected request: this sandbox answers only for localhost, 127.0.0.1 or [::1], not '{host.Value}' (start it with --allow-remote to serve other names)");
}
