namespace SecuConnect.Sandbox.RequestLog;

/// <summary>
/// One logged request: added on arrival (so the log is in arrival order), status filled in on answer. Until then the
/// status is null, so a reader can tell a request still being served from one whose connection was dropped (0).
/// </summary>
public sealed class RequestLogEntry(string method, string path, string query, DateTimeOffset at)
{
    public string Method { get; } = method;
    public string Path { get; } = path;
    public string Query { get; } = query;
    public DateTimeOffset At { get; } = at;

    /// <summary>The HttpContext item a write's shape record travels in (see <see cref="Shapes"/>).</summary>
    public const string ShapesKey = "SecuConnect.Sandbox.Shapes";

    /// <summary>
    /// While shape overrides are on: what a create or update sent at each overridden path, as raw JSON (null where it
    /// sent nothing); null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Shapes { get; set; }
    private const int Pending = -1;
    private volatile int _status = Pending;

    public int? Status
    {
        get => _status == Pending ? null : _status;
        set => _status = value ?? Pending;
    }
}
