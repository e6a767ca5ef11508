using Microsoft.AspNetCore.Http.Features;

namespace SecuConnect.Sandbox.Http;

/// <summary>
/// A finished answer, built before anything is written, so an "after" fault can replace it and the request log
/// knows the status. Endpoints return it; the framework writes it (<see cref="ExecuteAsync"/>).
/// </summary>
public sealed class ApiResult : IResult
{
    public const string JsonContentType = "application/json; charset=UTF-8";

    /// <summary>No answer: the connection is dropped (an injected status 0, or a client that went away).</summary>
    public static readonly ApiResult Dropped = new(0, []);

    public ApiResult(int status, byte[] body, string? reason = null)
    {
        Status = status;
        Body = body;
        Reason = reason;
    }

    public int Status { get; }
    public byte[] Body { get; }

    /// <summary>HTTP reason phrase; the exception name for errors.</summary>
    public string? Reason { get; }

    public string? RetryAfter { get; init; }
    public bool NoStore { get; init; }
    public string? Allow { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (Status == 0)
        {
            httpContext.Abort();
            return;
        }
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (Reason != null) httpContext.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = Reason;
        response.ContentType = JsonContentType;
        if (NoStore)
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
        }
        if (RetryAfter != null) response.Headers.RetryAfter = RetryAfter;
        if (Allow != null) response.Headers.Allow = Allow;
        response.ContentLength = Body.Length;
        try
        {
            await response.Body.WriteAsync(Body, httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left while its answer was being written: nothing to tell anyone.
        }
    }
}
