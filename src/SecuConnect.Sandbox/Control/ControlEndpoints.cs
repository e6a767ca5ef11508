using System.Text.Json;
using SecuConnect.Sandbox.Auth;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Extras;
using SecuConnect.Sandbox.Faults;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Options;
using SecuConnect.Sandbox.RequestLog;
using SecuConnect.Sandbox.Scrolls;
using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Control;

/// <summary>
/// Test controls under /_sandbox/: reset, faults, settings, extra fields, token expiry and the request log. Outside the API
/// contract; loopback callers only; never logged and never subject to faults.
/// </summary>
public sealed class ControlEndpoints(
    ICustomerStore store, TokenService tokens, FaultRegistry faults, RequestLogBook log, ScrollRegistry scrolls, RuntimeSettings settings)
{
    public async Task<ApiResult> HandleAsync(HttpContext ctx, string path)
    {
        var remote = ctx.Connection.RemoteIpAddress;
        if (remote != null && !System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
            return ApiErrors.Create(403, ApiErrors.NotAllowed, "test controls are available from loopback only");

        string method = ctx.Request.Method;
        string route = path["/_sandbox".Length..].ToLowerInvariant();
        switch (route)
        {
            case "/reset":
                if (method != "POST") return ApiErrors.MethodNotAllowed(method, "POST");
                store.Clear();
                log.Clear();
                faults.Clear();
                scrolls.Clear();
                settings.Reset();
                return Ok();

            case "/faults":
                switch (method)
                {
                    case "GET":
                        return Json(faults.All.Select(f => f.ToSpec()).ToList(), SandboxJson.Context.ListFaultSpec);
                    case "DELETE":
                        faults.Clear();
                        return Ok();
                    case "POST":
                    {
                        var spec = await ReadAsync(ctx, SandboxJson.Context.FaultSpec);
                        if (spec == null) return ApiErrors.BadRequest("invalid fault: a JSON object expected");
                        var fault = faults.Add(spec, out string? error);
                        return fault == null ? ApiErrors.BadRequest("invalid fault: " + error) : Json(fault.ToSpec(), SandboxJson.Context.FaultSpec);
                    }
                    default:
                        return ApiErrors.MethodNotAllowed(method, "GET, POST, DELETE");
                }

            case "/settings":
                switch (method)
                {
                    case "GET":
                        return Json(CurrentSettings(), SandboxJson.Context.SettingsBody);
                    case "PUT":
                    case "POST":
                    {
                        var body = await ReadAsync(ctx, SandboxJson.Context.SettingsBody);
                        if (body == null) return ApiErrors.BadRequest("invalid settings: a JSON object expected");
                        if (body.TokenLifetime is <= 0) return ApiErrors.BadRequest("invalid settings: tokenLifetime must be positive");
                        if (body.AuthFailureStatus is { } s && s != 401 && s != 403) return ApiErrors.BadRequest("invalid settings: authFailureStatus must be 401 or 403");
                        if (body.TokenLifetime is { } lifetime) settings.TokenLifetimeSeconds = lifetime;
                        if (body.AuthFailureStatus is { } status) settings.AuthFailureStatus = status;
                        return Json(CurrentSettings(), SandboxJson.Context.SettingsBody);
                    }
                    default:
                        return ApiErrors.MethodNotAllowed(method, "GET, PUT");
                }

            case "/extra-fields":
                switch (method)
                {
                    case "GET":
                        return new ApiResult(200, settings.ExtraFields.ToJson());
                    case "DELETE":
                        settings.ExtraFields = ExtraFields.None;
                        return Ok();
                    case "PUT":
                    case "POST":
                    {
                        byte[]? body = await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted);
                        if (body == null) return ApiErrors.TooLarge();
                        var extra = ExtraFields.Parse(body, out string? error);
                        if (extra == null) return ApiErrors.BadRequest("invalid extra fields: " + error);
                        settings.ExtraFields = extra;
                        return new ApiResult(200, extra.ToJson());
                    }
                    default:
                        return ApiErrors.MethodNotAllowed(method, "GET, PUT, DELETE");
                }

            case "/expire-tokens":
                if (method != "POST") return ApiErrors.MethodNotAllowed(method, "POST");
                tokens.ExpireAll();
                return Ok();

            case "/requests":
                switch (method)
                {
                    case "GET":
                        return Json(log.Snapshot(), SandboxJson.Context.ListRequestLogView);
                    case "DELETE":
                        log.Clear();
                        return Ok();
                    default:
                        return ApiErrors.MethodNotAllowed(method, "GET, DELETE");
                }

            default:
                if (route.StartsWith("/faults/", StringComparison.Ordinal) && int.TryParse(route["/faults/".Length..], out int id))
                {
                    if (method != "DELETE") return ApiErrors.MethodNotAllowed(method, "DELETE");
                    return faults.Remove(id) ? Ok() : ApiErrors.NotFoundResult($"fault {id} not found");
                }
                return ApiErrors.NotFoundResult($"unknown sandbox control {path}");
        }
    }

    private SettingsBody CurrentSettings() =>
        new() { TokenLifetime = settings.TokenLifetimeSeconds, AuthFailureStatus = settings.AuthFailureStatus };

    private static ApiResult Ok() => new(200, JsonSerializer.SerializeToUtf8Bytes(new HealthStatus("ok"), SandboxJson.Context.HealthStatus));

    private static ApiResult Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(value, info));

    private static async Task<T?> ReadAsync<T>(HttpContext ctx, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) where T : class
    {
        byte[]? body = await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted);
        if (body == null || body.Length == 0) return null;
        try { return JsonSerializer.Deserialize(body, info); }
        catch (JsonException) { return null; }
    }
}
