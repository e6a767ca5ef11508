namespace SecuConnect.Sandbox.Models;

/// <summary>Body of PUT /_sandbox/settings and its answer.</summary>
public sealed class SettingsBody
{
    public int? TokenLifetime { get; set; }
    public int? AuthFailureStatus { get; set; }
}
