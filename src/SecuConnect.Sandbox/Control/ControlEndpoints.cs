using System.Text.Json;
using SecuConnect.Sandbox.Auth;
using SecuConnect.Sandbox.Containers;
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
/// Test controls under /_sandbox/: reset, faults, settings, extra fields, shapes, token expiry and the request log. Outside the API
/// contract; loopback callers only (<see cref="ControlRequestFilter"/>); never logged and never subject to faults.
/// </summary>
public sealed class ControlEndpoints(
    IRecordStore<CustomerRecord> store, IRecordStore<ContainerRecord> containers, TokenService tokens, FaultRegistry faults, RequestLogBook log, ScrollRegistry scrolls, RuntimeSettings settings)
{
    public ApiResult Reset()
    {
        containers.Clear();
        store.Clear();
        log.Clear();
        faults.Clear();
        scrolls.Clear();
        settings.Reset();
        return Ok();
    }

    public ApiResult ListFaults() => Json(faults.All.Select(f => f.ToSpec()).ToList(), SandboxJson.Context.ListFaultSpec);

    public ApiResult ClearFaults()
    {
        faults.Clear();
        return Ok();
    }

    public async Task<ApiResult> AddFaultAsync(HttpContext ctx)
    {
        var spec = await ReadAsync(ctx, SandboxJson.Context.FaultSpec);
        if (spec == null) return ApiErrors.BadRequest("invalid fault: a JSON object expected");
        var fault = faults.Add(spec, out string? error);
        return fault == null ? ApiErrors.BadRequest("invalid fault: " + error) : Json(fault.ToSpec(), SandboxJson.Context.FaultSpec);
    }

    public ApiResult RemoveFault(int id) => faults.Remove(id) ? Ok() : ApiErrors.NotFoundResult($"fault {id} not found");

    public ApiResult GetSettings() => Json(CurrentSettings(), SandboxJson.Context.SettingsBody);

    public async Task<ApiResult> ChangeSettingsAsync(HttpContext ctx)
    {
        var body = await ReadAsync(ctx, SandboxJson.Context.SettingsBody);
        if (body == null) return ApiErrors.BadRequest("invalid settings: a JSON object expected");
        if (body.TokenLifetime is <= 0) return ApiErrors.BadRequest("invalid settings: tokenLifetime must be positive");
        if (body.AuthFailureStatus is { } s && s != 401 && s != 403) return ApiErrors.BadRequest("invalid settings: authFailureStatus must be 401 or 403");
        if (body.ContainerDeletes is { } deletes && deletes != "allowed" && deletes != "forbidden")
            return ApiErrors.BadRequest("invalid settings: containerDeletes must be \"allowed\" or \"forbidden\"");
        if (body.TokenLifetime is { } lifetime) settings.TokenLifetimeSeconds = lifetime;
        if (body.MaskContainers is { } mask) settings.MaskContainers = mask;
        if (body.ContainerDeletes is { } d) settings.ContainerDeletesForbidden = d == "forbidden";
        if (body.AuthFailureStatus is { } status) settings.AuthFailureStatus = status;
        return Json(CurrentSettings(), SandboxJson.Context.SettingsBody);
    }

    public ApiResult GetExtraFields() => new(200, settings.ExtraFields.ToJson());

    public ApiResult ClearExtraFields()
    {
        settings.ExtraFields = ExtraFields.None;
        return Ok();
    }

    public async Task<ApiResult> SetExtraFieldsAsync(HttpContext ctx)
    {
        byte[] body = await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted);
        var extra = ExtraFields.Parse(body, out string? error);
        if (extra == null) return ApiErrors.BadRequest("invalid extra fields: " + error);
        settings.ExtraFields = extra;
        return new ApiResult(200, extra.ToJson());
    }

    public ApiResult GetShapes() => new(200, settings.Shapes.ToJson());

    public ApiResult ClearShapes()
    {
        settings.Shapes = ShapeOverrides.None;
        return Ok();
    }

    public async Task<ApiResult> SetShapesAsync(HttpContext ctx)
    {
        byte[] body = await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted);
        var shapes = ShapeOverrides.Parse(body, out string? error);
        if (shapes == null) return ApiErrors.BadRequest("invalid shapes: " + error);
        settings.Shapes = shapes;
        return new ApiResult(200, shapes.ToJson());
    }

    public ApiResult ExpireTokens()
    {
        tokens.ExpireAll();
        return Ok();
    }

    public ApiResult ListRequests() => Json(log.Snapshot(), SandboxJson.Context.ListRequestLogView);

    public ApiResult ClearRequests()
    {
        log.Clear();
        return Ok();
    }

    public static ApiResult Unknown(HttpContext ctx) => ApiErrors.NotFoundResult($"unknown sandbox control {ctx.Request.Path.Value}");

    private SettingsBody CurrentSettings() =>
        new()
        {
            TokenLifetime = settings.TokenLifetimeSeconds,
            AuthFailureStatus = settings.AuthFailureStatus,
            MaskContainers = settings.MaskContainers,
            ContainerDeletes = settings.ContainerDeletesForbidden ? "forbidden" : "allowed",
        };

    private static ApiResult Ok() => new(200, JsonSerializer.SerializeToUtf8Bytes(new HealthStatus("ok"), SandboxJson.Context.HealthStatus));

    private static ApiResult Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(value, info));

    private static async Task<T?> ReadAsync<T>(HttpContext ctx, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) where T : class
    {
        byte[] body = await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted);
        if (body.Length == 0) return null;
        try { return JsonSerializer.Deserialize(body, info); }
        catch (JsonException) { return null; }
    }
}
