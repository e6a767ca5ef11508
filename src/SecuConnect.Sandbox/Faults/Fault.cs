using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Faults;

/// <summary>An injected failure: matching requests fail with <see cref="Status"/> (0 drops the connection).</summary>
public sealed class Fault
{
    private int _fired;

    public required int Id { get; init; }

    /// <summary>Status to answer; 0 aborts the connection; null only delays (latencyMs) and then proceeds.</summary>
    public int? Status { get; init; }

    public double Rate { get; init; } = 1;
    public int? Count { get; init; }
    public int? RetryAfter { get; init; }
    public int LatencyMs { get; init; }
    public string? Method { get; init; }
    public string? PathPrefix { get; init; }
    public bool After { get; init; }

    public int Fired => Volatile.Read(ref _fired);

    public bool Applies(string method, string path) =>
        (Method == null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix == null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Rolls the rate and claims one firing within the count limit.</summary>
    public bool TryFire()
    {
        if (Rate < 1 && Random.Shared.NextDouble() >= Rate) return false;
        if (Count is not { } limit) { Interlocked.Increment(ref _fired); return true; }
        while (true)
        {
            int f = Volatile.Read(ref _fired);
            if (f >= limit) return false;
            if (Interlocked.CompareExchange(ref _fired, f + 1, f) == f) return true;
        }
    }

    public FaultSpec ToSpec() => new()
    {
        Id = Id, Status = Status, Rate = Rate, Count = Count, RetryAfter = RetryAfter, LatencyMs = LatencyMs,
        Method = Method, PathPrefix = PathPrefix, Phase = After ? "after" : "before", Fired = Fired,
    };
}
