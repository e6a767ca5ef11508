namespace SecuConnect.Sandbox.RequestLog;

/// <summary>One logged request: added on arrival (so the log is in arrival order), status filled in on answer.</summary>
public sealed class RequestLogEntry(string method, string path, string query, DateTimeOffset at)
{
    public string Method { get; } = method;
    public string Path { get; } = path;
    public string Query { get; } = query;
    public DateTimeOffset At { get; } = at;
    private volatile int _status;

    public int Status { get => _status; set => _status = value; }
}
