using Microsoft.AspNetCore.Connections;
using SecuConnect.Sandbox.Errors;

namespace SecuConnect.Sandbox.Http;

/// <summary>What an endpoint that threw answers: the endpoint filters' shared error handling.</summary>
public static class RequestOutcome
{
    /// <summary>
    /// The answer for an exception, or null when the answer has already started (then the exception goes on to the
    /// server, which ends the connection).
    /// </summary>
    public static ApiResult? ForException(HttpContext ctx, Exception e, ILogger logger)
    {
        // The client went away (reset, or a cancelled read): no one to answer, and not the server's fault.
        if (e is ConnectionResetException || (e is OperationCanceledException && ctx.RequestAborted.IsCancellationRequested)) return ApiResult.Dropped;
        if (ctx.Response.HasStarted) return null;
        if (e is BadHttpRequestException bad)
        {
            // Kestrel's MaxRequestBodySize, or a body the server could not read (cut short, bad chunking): the
            // client's fault, not ours.
            if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return ApiErrors.TooLarge();
            return ApiErrors.Create(bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400, ApiErrors.Format, "invalid payload: the request body could not be read");
        }
        logger.LogWarning(e, "Unhandled error on {Method} {Path}", ctx.Request.Method, ctx.Request.Path.Value);
        return ApiErrors.Create(500, ApiErrors.Internal, "internal error");
    }
}
