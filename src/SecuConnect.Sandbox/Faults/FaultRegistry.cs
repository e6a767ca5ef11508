using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Faults;

/// <summary>Faults in the order added; the first that applies and fires answers.</summary>
public sealed class FaultRegistry
{
    /// <summary>At most this many faults at a time; adding one more is refused until some are removed.</summary>
    public const int MaxFaults = 100;

    private readonly object _lock = new();
    private volatile Fault[] _faults = [];
    private int _nextId;

    /// <summary>True when no fault is configured: the hot path skips fault handling entirely.</summary>
    public bool IsEmpty => _faults.Length == 0;

    /// <summary>Validates and adds a fault; returns null and an error text when the spec is invalid.</summary>
    public Fault? Add(FaultSpec spec, out string? error)
    {
        error = null;
        string phase = (spec.Phase ?? "before").ToLowerInvariant();
        if (spec.Status is { } s && s != 0 && (s < 100 || s > 599)) error = "status must be 0 or 100-599";
        else if (spec.Status == null && (spec.LatencyMs ?? 0) <= 0) error = "status is required (or latencyMs for a delay only)";
        else if (spec.Rate is { } r && (double.IsNaN(r) || r < 0 || r > 1)) error = "rate must be between 0 and 1";
        else if (spec.Count is < 0) error = "count must not be negative";
        else if (spec.RetryAfter is < 0) error = "retryAfter must not be negative";
        else if (spec.LatencyMs is < 0 or > 600_000) error = "latencyMs must be between 0 and 600000";
        else if (phase is not ("before" or "after")) error = "phase must be before or after";
        if (error != null) return null;

        lock (_lock)
        {
            if (_faults.Length >= MaxFaults)
            {
                error = $"too many faults: at most {MaxFaults} at a time (DELETE /_sandbox/faults clears them)";
                return null;
            }
            var fault = new Fault
            {
                Id = ++_nextId,
                Status = spec.Status,
                Rate = spec.Rate ?? 1,
                Count = spec.Count,
                RetryAfter = spec.RetryAfter,
                LatencyMs = spec.LatencyMs ?? 0,
                Method = string.IsNullOrEmpty(spec.Method) ? null : spec.Method,
                PathPrefix = string.IsNullOrEmpty(spec.PathPrefix) ? null : spec.PathPrefix,
                After = phase == "after",
            };
            _faults = [.. _faults, fault];
            return fault;
        }
    }

    public IReadOnlyList<Fault> All => _faults;

    public bool Remove(int id)
    {
        lock (_lock)
        {
            var left = _faults.Where(f => f.Id != id).ToArray();
            bool removed = left.Length != _faults.Length;
            _faults = left;
            return removed;
        }
    }

    public void Clear()
    {
        lock (_lock) _faults = [];
    }

    /// <summary>The first fault of the phase that applies to the request and fires, or null.</summary>
    public Fault? Pick(string method, string path, bool after)
    {
        foreach (var f in _faults)
            if (f.After == after && f.Applies(method, path) && f.TryFire()) return f;
        return null;
    }
}
