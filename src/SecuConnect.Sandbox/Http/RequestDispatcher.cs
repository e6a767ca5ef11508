using SecuConnect.Sandbox.Auth;
using SecuConnect.Sandbox.Control;
using SecuConnect.Sandbox.Customers;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Faults;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Options;
using SecuConnect.Sandbox.RequestLog;
using System.Text.Json;

namespace SecuConnect.Sandbox.Http;

/// <summary>
/// The single request handler: routes by hand (case-insensitive, repeated slashes merged), applies faults, checks
/// the token and logs API requests. Hand routing keeps the hot path free of endpoint matching and lets unknown
/// routes and wrong methods answer in the API's own error format.
/// </summary>
public sealed class RequestDispatcher(
    TokenEndpoint tokenEndpoint,
    TokenService tokens,
    CustomersEndpoint customers,
    ControlEndpoints control,
    FaultRegistry faults,
    RequestLogBook log,
    RuntimeSettings settings,
    SandboxOptions options,
    TimeProvider time,
    ILogger<RequestDispatcher> logger)
{
    private const string CustomersPath = "/api/v2/payment/customers";
    private static readonly byte[] HealthBody = JsonSerializer.SerializeToUtf8Bytes(new HealthStatus("ok"), SandboxJson.Context.HealthStatus);

    private enum Route { Unknown, Token, List, Item }

    public async Task HandleAsync(HttpContext ctx)
    {
        string path = HttpIo.NormalisePath(ctx.Request.Path.Value);
        string method = ctx.Request.Method;

        if (path.Equals("/health", StringComparison.OrdinalIgnoreCase))
        {
            await HttpIo.WriteAsync(ctx, method is "GET" or "HEAD" ? new ApiResult(200, HealthBody) : ApiErrors.MethodNotAllowed(method, "GET"));
            return;
        }
        bool loopbackHost = RequestGuards.IsLoopbackHost(ctx.Request.Host);
        if (path.StartsWith("/_sandbox", StringComparison.OrdinalIgnoreCase) && (path.Length == 9 || path[9] == '/'))
        {
            // Only local scripts: no web page (Origin), no DNS rebinding (Host), no form or text/plain POST.
            var refusal = RequestGuards.CheckControl(ctx, loopbackHost);
            if (refusal != null) await HttpIo.WriteAsync(ctx, refusal);
            else await Guarded(ctx, async () => (ApiResult?)await control.HandleAsync(ctx, path), null);
            return;
        }
        if (!loopbackHost && !options.AllowRemote)
        {
            // A name other than the loopback one reached us: DNS rebinding, or a misrouted request. Not logged.
            await HttpIo.WriteAsync(ctx, RequestGuards.Misdirected(ctx.Request.Host));
            return;
        }

        // Strict: log the path exactly as it arrived (case, repeated and trailing slashes, escapes), so a test sees
        // what the client sent rather than what the router made of it.
        string logged = options.Strict ? RawPath(ctx) ?? path : path;
        var entry = new RequestLogEntry(method, logged, QueryRedaction.Redact(ctx.Request.QueryString.Value), time.GetUtcNow());
        log.Add(entry);
        await Guarded(ctx, () => HandleApiAsync(ctx, path, method), entry);
    }

    /// <summary>
    /// Runs a handler and writes its answer. The log entry gets its status (0 for a dropped connection) before the
    /// answer is sent, so a client reading the log right after its answer always sees it.
    /// </summary>
    private async Task Guarded(HttpContext ctx, Func<Task<ApiResult?>> handler, RequestLogEntry? entry)
    {
        try
        {
            var result = await handler();
            if (result == null)
            {
                if (entry != null) entry.Status = 0;
                ctx.Abort();
                return;
            }
            if (entry != null) entry.Status = result.Status;
            await HttpIo.WriteAsync(ctx, result);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            if (entry != null) entry.Status = 0;
        }
        catch (BadHttpRequestException e) when (!ctx.Response.HasStarted)
        {
            // A body the server could not read (cut short, bad chunking): the client's fault, not ours.
            var result = ApiErrors.Create(e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400, ApiErrors.Format, "invalid payload: the request body could not be read");
            if (entry != null) entry.Status = result.Status;
            await HttpIo.WriteAsync(ctx, result);
        }
        catch (Exception e) when (!ctx.Response.HasStarted)
        {
            logger.LogWarning(e, "Unhandled error on {Method} {Path}", ctx.Request.Method, ctx.Request.Path.Value);
            var result = ApiErrors.Create(500, ApiErrors.Internal, "internal error");
            if (entry != null) entry.Status = result.Status;
            await HttpIo.WriteAsync(ctx, result);
        }
    }

    /// <summary>Null means: drop the connection.</summary>
    private async Task<ApiResult?> HandleApiAsync(HttpContext ctx, string path, string method)
    {
        bool faultable = !faults.IsEmpty && IsFaultable(path);
        if (faultable && faults.Pick(method, path, after: false) is { } before)
        {
            if (before.LatencyMs > 0) await Task.Delay(before.LatencyMs, ctx.RequestAborted);
            if (before.Status is { } status) return FaultAnswer(before, status);
        }

        var result = await OperateAsync(ctx, path, method);

        if (result.IsSuccess && faultable && faults.Pick(method, path, after: true) is { } after)
        {
            if (after.LatencyMs > 0) await Task.Delay(after.LatencyMs, ctx.RequestAborted);
            if (after.Status is { } status) return FaultAnswer(after, status);
        }
        return result;
    }

    private async Task<ApiResult> OperateAsync(HttpContext ctx, string path, string method)
    {
        var (route, id) = Resolve(path);
        switch (route)
        {
            case Route.Unknown:
                return ApiErrors.NotFoundResult($"no resource at {path}");
            case Route.Token:
                if (method != "POST") return ApiErrors.MethodNotAllowed(method, "POST");
                // The token endpoint takes JSON or form bodies (the SDKs send both); strict refuses anything else.
                if (options.Strict && HasBody(ctx) && !IsMediaType(ctx.Request.ContentType, "application/json") && !IsMediaType(ctx.Request.ContentType, "application/x-www-form-urlencoded"))
                    return UnsupportedMediaType("the token endpoint takes application/json or application/x-www-form-urlencoded bodies");
                byte[]? tokenBody = await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted);
                return tokenBody == null ? ApiErrors.TooLarge() : tokenEndpoint.Handle(ctx.Request, tokenBody);
            case Route.List:
                if (method is not ("GET" or "POST")) return ApiErrors.MethodNotAllowed(method, "GET, POST");
                break;
            default:
                if (method is not ("GET" or "PUT" or "DELETE")) return ApiErrors.MethodNotAllowed(method, "GET, PUT, DELETE");
                break;
        }

        if (!IsAuthorized(ctx.Request)) return ApiErrors.TokenRequired(settings.AuthFailureStatus);
        if (options.Strict && HasBody(ctx) && !IsMediaType(ctx.Request.ContentType, "application/json"))
            return UnsupportedMediaType("request bodies must be application/json");

        if (route == Route.List && method == "GET") return customers.List(ctx.Request.Query);
        if (route == Route.Item && method == "GET") return customers.Get(id!);
        if (route == Route.Item && method == "DELETE") return customers.Delete(id!);

        byte[]? body = await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted);
        if (body == null) return ApiErrors.TooLarge();
        return route == Route.List ? customers.Create(body) : customers.Update(id!, body);
    }

    /// <summary>The request target's path as the client sent it (before any decoding); null when unavailable.</summary>
    private static string? RawPath(HttpContext ctx)
    {
        string? target = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/') return null;
        int q = target.IndexOf('?');
        return q < 0 ? target : target[..q];
    }

    /// <summary>A body is present: a Content-Length above 0 or a chunked body.</summary>
    private static bool HasBody(HttpContext ctx) =>
        ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? ctx.Request.ContentLength > 0;

    private static bool IsMediaType(string? contentType, string mediaType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    private static ApiResult UnsupportedMediaType(string details) =>
        ApiErrors.Create(415, ApiErrors.Format, $"unsupported content type: {details}");

    // Faults hit the token endpoint and the API only, never the health check or unknown paths.
    private static bool IsFaultable(string path) =>
        path.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase)
        || (path.StartsWith("/api/v2", StringComparison.OrdinalIgnoreCase) && (path.Length == 7 || path[7] == '/'));

    private static (Route, string?) Resolve(string path)
    {
        if (path.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase)) return (Route.Token, null);
        if (!path.StartsWith(CustomersPath, StringComparison.OrdinalIgnoreCase)) return (Route.Unknown, null);
        if (path.Length == CustomersPath.Length) return (Route.List, null);
        if (path[CustomersPath.Length] != '/') return (Route.Unknown, null);
        string id = path[(CustomersPath.Length + 1)..];
        return id.Contains('/') ? (Route.Unknown, null) : (Route.Item, id);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header == null || header.Length < 8 || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        string token = header[7..].Trim();
        return token.Length > 0 && tokens.IsValid(token);
    }

    private static ApiResult? FaultAnswer(Fault fault, int status)
    {
        if (status == 0) return null;
        var r = ApiErrors.Create(status, ApiErrors.NameForStatus(status), $"injected fault {fault.Id} (status {status})");
        return new ApiResult(r.Status, r.Body, r.Reason)
        {
            RetryAfter = fault.RetryAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
