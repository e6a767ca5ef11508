namespace SecuConnect.Sandbox.Http;

/// <summary>
/// The filter of the /_sandbox/ test controls: only local scripts get through (<see cref="RequestGuards"/>); never
/// logged, never faulted.
/// </summary>
public sealed class ControlRequestFilter(ILogger logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        // No web page (Origin), no DNS rebinding (Host), no form or text/plain POST, no remote caller.
        if (RequestGuards.CheckControl(ctx) is { } refusal) return refusal;
        try
        {
            return await next(context);
        }
        catch (Exception e) when (RequestOutcome.ForException(ctx, e, logger) is { } answer)
        {
            return answer;
        }
    }
}
