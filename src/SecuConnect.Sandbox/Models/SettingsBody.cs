namespace SecuConnect.Sandbox.Models;

/// <summary>Body of PUT /_sandbox/settings and its answer.</summary>
public sealed class SettingsBody
{
    public int? TokenLifetime { get; set; }
    public int? AuthFailureStatus { get; set; }

    /// <summary>Answer containers masked (IBAN shortened, no private part), as a client with fewer rights sees them.</summary>
    public bool? MaskContainers { get; set; }

    /// <summary>"allowed" (the default) or "forbidden": container deletes answered 403 ProductNotAllowedException.</summary>
    public string? ContainerDeletes { get; set; }
}
