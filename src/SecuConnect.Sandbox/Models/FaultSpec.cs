namespace SecuConnect.Sandbox.Models;

/// <summary>A fault as posted to and listed by /_sandbox/faults.</summary>
public sealed class FaultSpec
{
    public int? Id { get; set; }
    public int? Status { get; set; }
    public double? Rate { get; set; }
    public int? Count { get; set; }
    public int? RetryAfter { get; set; }
    public int? LatencyMs { get; set; }
    public string? Method { get; set; }
    public string? PathPrefix { get; set; }
    public string? Phase { get; set; }
    public int Fired { get; set; }
}
