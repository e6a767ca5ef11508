namespace SecuConnect.Sandbox.Http;

/// <summary>
/// A finished answer, built before anything is written, so an "after" fault can replace it and the request log
/// knows the status.
/// </summary>
public sealed class ApiResult
{
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
}
