using SecuConnect.Sandbox.Auth;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Options;

namespace SecuConnect.Sandbox.Http;

/// <summary>
/// The filter of the customer operations, after route (404) and method (405): a valid bearer token (403 code 2003,
/// or 401), then with --strict a JSON body (415).
/// </summary>
public sealed class BearerTokenFilter(TokenService tokens, RuntimeSettings settings, SandboxOptions options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        if (!IsAuthorized(ctx.Request)) return ValueTask.FromResult<object?>(ApiErrors.TokenRequired(settings.AuthFailureStatus));
        if (options.Strict && HttpIo.HasBody(ctx) && !HttpIo.IsMediaType(ctx.Request.ContentType, "application/json"))
            return ValueTask.FromResult<object?>(ApiErrors.Create(415, ApiErrors.Format, "unsupported content type: request bodies must be application/json"));
        return next(context);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header == null || header.Length < 8 || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        string token = header[7..].Trim();
        return token.Length > 0 && tokens.IsValid(token);
    }
}
