using System.Text.Json;
using SecuConnect.Sandbox.Auth;
using SecuConnect.Sandbox.Containers;
using SecuConnect.Sandbox.Control;
using SecuConnect.Sandbox.Customers;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Extras;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Options;
using SecuConnect.Sandbox.RequestLog;

namespace SecuConnect.Sandbox.Http;

/// <summary>
/// The sandbox's endpoints on ASP.NET Core routing. Literal segments match case-insensitively; repeated and trailing
/// slashes are gone before matching (<see cref="UseNormalisedPaths"/>). Each resource also maps an any-method endpoint
/// that answers 405 with Allow, and a catch-all answers 404, both in the API's error format (the framework's own
/// 404 and 405 have no body). Handlers state their return type: an async lambda on HttpContext alone would
/// otherwise bind as a RequestDelegate and its ApiResult would be dropped.
/// </summary>
public static class SandboxRoutes
{
    private static readonly byte[] HealthBody = JsonSerializer.SerializeToUtf8Bytes(new HealthStatus("ok"), SandboxJson.Context.HealthStatus);

    /// <summary>
    /// Middleware ahead of routing: "//api/v2//Payment/Customers/" is routed as "/api/v2/Payment/Customers". The raw
    /// target stays available for the strict request log.
    /// </summary>
    public static IApplicationBuilder UseNormalisedPaths(this IApplicationBuilder app) =>
        app.Use((ctx, next) =>
        {
            string? path = ctx.Request.Path.Value;
            if (string.IsNullOrEmpty(path) || !HttpIo.IsNormal(path)) ctx.Request.Path = new PathString(HttpIo.NormalisePath(path));
            return next(ctx);
        });

    public static void MapSandbox(this IEndpointRouteBuilder app,
        TokenEndpoint token, CustomersEndpoint customers, ContainersEndpoint containers, ControlEndpoints control,
        ApiRequestFilter apiFilter, BearerTokenFilter bearerFilter, ControlRequestFilter controlFilter, SandboxOptions options, RuntimeSettings settings)
    {
        // Any Host, never logged, never faulted.
        app.MapMethods("/health", ["GET", "HEAD"], () => new ApiResult(200, HealthBody));
        NotAllowed(app, "/health", "GET");

        var controls = app.MapGroup("/_sandbox").AddEndpointFilter(controlFilter);
        controls.MapPost("/reset", () => control.Reset());
        NotAllowed(controls, "/reset", "POST");
        controls.MapGet("/faults", () => control.ListFaults());
        controls.MapPost("/faults", Task<ApiResult> (HttpContext ctx) => control.AddFaultAsync(ctx));
        controls.MapDelete("/faults", () => control.ClearFaults());
        NotAllowed(controls, "/faults", "GET, POST, DELETE");
        controls.MapDelete("/faults/{id:int}", (int id) => control.RemoveFault(id));
        NotAllowed(controls, "/faults/{id:int}", "DELETE");
        controls.MapGet("/settings", () => control.GetSettings());
        controls.MapMethods("/settings", ["PUT", "POST"], Task<ApiResult> (HttpContext ctx) => control.ChangeSettingsAsync(ctx));
        NotAllowed(controls, "/settings", "GET, PUT");
        controls.MapGet("/extra-fields", () => control.GetExtraFields());
        controls.MapMethods("/extra-fields", ["PUT", "POST"], Task<ApiResult> (HttpContext ctx) => control.SetExtraFieldsAsync(ctx));
        controls.MapDelete("/extra-fields", () => control.ClearExtraFields());
        NotAllowed(controls, "/extra-fields", "GET, PUT, DELETE");
        controls.MapGet("/shapes", () => control.GetShapes());
        controls.MapMethods("/shapes", ["PUT", "POST"], Task<ApiResult> (HttpContext ctx) => control.SetShapesAsync(ctx));
        controls.MapDelete("/shapes", () => control.ClearShapes());
        NotAllowed(controls, "/shapes", "GET, PUT, DELETE");
        controls.MapPost("/expire-tokens", () => control.ExpireTokens());
        NotAllowed(controls, "/expire-tokens", "POST");
        controls.MapGet("/requests", () => control.ListRequests());
        controls.MapDelete("/requests", () => control.ClearRequests());
        NotAllowed(controls, "/requests", "GET, DELETE");
        controls.Map("/{**rest}", (HttpContext ctx) => ControlEndpoints.Unknown(ctx));

        // Everything else: 421 for a foreign Host, the request log, faults.
        var api = app.MapGroup("").AddEndpointFilter(apiFilter);
        api.MapPost("/oauth/token", async Task<ApiResult> (HttpContext ctx) =>
        {
            // JSON or form bodies (the SDKs send both); strict refuses anything else.
            if (options.Strict && HttpIo.HasBody(ctx) && !HttpIo.IsMediaType(ctx.Request.ContentType, "application/json")
                && !HttpIo.IsMediaType(ctx.Request.ContentType, "application/x-www-form-urlencoded"))
                return ApiErrors.Create(415, ApiErrors.Format, "unsupported content type: the token endpoint takes application/json or application/x-www-form-urlencoded bodies");
            return token.Handle(ctx.Request, await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted));
        });
        NotAllowed(api, "/oauth/token", "POST");

        var resource = api.MapGroup("/api/v2/payment/customers");
        var operations = resource.MapGroup("").AddEndpointFilter(bearerFilter);
        operations.MapGet("", (HttpContext ctx) => customers.List(ctx.Request.Query));
        operations.MapPost("", async Task<ApiResult> (HttpContext ctx) => customers.Create(await WriteBodyAsync(ctx, settings, ShapedResource.Customers)));
        operations.MapGet("/{id}", (string id) => customers.Get(id));
        operations.MapPut("/{id}", async Task<ApiResult> (HttpContext ctx, string id) => customers.Update(id, await WriteBodyAsync(ctx, settings, ShapedResource.Customers)));
        operations.MapDelete("/{id}", (string id) => customers.Delete(id));
        NotAllowed(resource, "", "GET, POST");
        NotAllowed(resource, "/{id}", "GET, PUT, DELETE");

        var containerResource = api.MapGroup("/api/v2/payment/containers");
        var containerOperations = containerResource.MapGroup("").AddEndpointFilter(bearerFilter);
        containerOperations.MapGet("", (HttpContext ctx) => containers.List(ctx.Request.Query));
        containerOperations.MapPost("", async Task<ApiResult> (HttpContext ctx) => containers.Create(await WriteBodyAsync(ctx, settings, ShapedResource.Containers)));
        containerOperations.MapGet("/{id}", (string id) => containers.Get(id));
        containerOperations.MapPut("/{id}", async Task<ApiResult> (HttpContext ctx, string id) => containers.Update(id, await WriteBodyAsync(ctx, settings, ShapedResource.Containers, containers.Stored(id))));
        containerOperations.MapDelete("/{id}", (string id) => containers.Delete(id));
        NotAllowed(containerResource, "", "GET, POST");
        NotAllowed(containerResource, "/{id}", "GET, PUT, DELETE");

        api.Map("/{**path}", (HttpContext ctx) => ApiErrors.NotFoundResult($"no resource at {ctx.Request.Path.Value}"));
    }

    /// <summary>
    /// A create or update body; while the resource has shape overrides, what it sent at their paths goes to the
    /// request log and an odd value sent back there is taken out, or replaced by the <paramref name="stored"/> record's
    /// value (<see cref="ShapeOverrides.Received"/>).
    /// </summary>
    private static async Task<byte[]> WriteBodyAsync(HttpContext ctx, RuntimeSettings settings, ShapedResource resource, byte[]? stored = null)
    {
        byte[] body = await HttpIo.ReadBodyAsync(ctx.Request, ctx.RequestAborted);
        body = settings.Shapes.Received(resource, body, out var received, stored);
        if (received != null) ctx.Items[RequestLogEntry.ShapesKey] = received;
        return body;
    }

    /// <summary>Every other method on the pattern: routing prefers the endpoints with methods, this one takes the rest.</summary>
    private static void NotAllowed(IEndpointRouteBuilder routes, string pattern, string allow) =>
        routes.Map(pattern, (HttpContext ctx) => ApiErrors.MethodNotAllowed(ctx.Request.Method, allow));
}
