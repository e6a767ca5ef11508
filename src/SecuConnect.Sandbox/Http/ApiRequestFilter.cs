using System.Globalization;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Faults;
using SecuConnect.Sandbox.Options;
using SecuConnect.Sandbox.RequestLog;

namespace SecuConnect.Sandbox.Http;

/// <summary>
/// The filter of every endpoint outside /health and /_sandbox (token, customers, and the 404 and 405 answers):
/// 421 for a foreign Host, then the request log entry, then faults around the endpoint. The log entry gets its
/// status (0 for a dropped connection) before the answer is written, so a client reading the log right after its
/// answer always sees it.
/// </summary>
public sealed class ApiRequestFilter(FaultRegistry faults, RequestLogBook log, SandboxOptions options, TimeProvider time, ILogger logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        // A name other than the loopback one reached us: DNS rebinding, or a misrouted request. Not logged.
        if (!options.AllowRemote && !RequestGuards.IsLoopbackHost(ctx.Request.Host)) return RequestGuards.Misdirected(ctx.Request.Host);

        // The path the router saw: repeated and trailing slashes already gone (SandboxRoutes.UseNormalisedPaths). Strict
        // logs it exactly as it arrived (case, slashes, escapes), so a test sees what the client sent.
        string path = ctx.Request.Path.Value!;
        string method = ctx.Request.Method;
        string logged = options.Strict ? HttpIo.RawPath(ctx) ?? path : path;
        var entry = new RequestLogEntry(method, logged, QueryRedaction.Redact(ctx.Request.QueryString.Value), time.GetUtcNow());
        log.Add(entry);

        ApiResult result;
        try
        {
            result = await WithFaultsAsync(context, next, path, method);
        }
        catch (Exception e) when (RequestOutcome.ForException(ctx, e, logger) is { } answer)
        {
            result = answer;
        }
        // Set before the status, so a reader that sees the status sees the write's shapes too.
        if (ctx.Items.TryGetValue(RequestLogEntry.ShapesKey, out var shapes)) entry.Shapes = (IReadOnlyDictionary<string, string?>?)shapes;
        entry.Status = result.Status;
        return result;
    }

    private async ValueTask<ApiResult> WithFaultsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string path, string method)
    {
        var ctx = context.HttpContext;
        bool faultable = !faults.IsEmpty && IsFaultable(path);
        if (faultable && faults.Pick(method, path, after: false) is { } before)
        {
            if (before.LatencyMs > 0) await Task.Delay(before.LatencyMs, ctx.RequestAborted);
            if (before.Status is { } status) return FaultAnswer(before, status);
        }

        var result = (ApiResult)(await next(context))!;

        if (result.IsSuccess && faultable && faults.Pick(method, path, after: true) is { } after)
        {
            if (after.LatencyMs > 0) await Task.Delay(after.LatencyMs, ctx.RequestAborted);
            if (after.Status is { } status) return FaultAnswer(after, status);
        }
        return result;
    }

    // Faults hit the token endpoint and the API only, never the health check or unknown paths.
    private static bool IsFaultable(string path) =>
        path.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase)
        || (path.StartsWith("/api/v2", StringComparison.OrdinalIgnoreCase) && (path.Length == 7 || path[7] == '/'));

    private static ApiResult FaultAnswer(Fault fault, int status)
    {
        if (status == 0) return ApiResult.Dropped;
        var r = ApiErrors.Create(status, ApiErrors.NameForStatus(status), $"injected fault {fault.Id} (status {status})");
        return new ApiResult(r.Status, r.Body, r.Reason)
        {
            RetryAfter = fault.RetryAfter?.ToString(CultureInfo.InvariantCulture),
        };
    }
}
