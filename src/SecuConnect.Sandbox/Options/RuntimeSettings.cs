using SecuConnect.Sandbox.Extras;

namespace SecuConnect.Sandbox.Options;

/// <summary>Settings that tests may change at run time; <see cref="Reset"/> restores the start-up values.</summary>
public sealed class RuntimeSettings
{
    private readonly SandboxOptions _startup;
    private volatile int _tokenLifetime;
    private volatile int _authFailureStatus;
    private volatile ExtraFields _extraFields = ExtraFields.None;

    public RuntimeSettings(SandboxOptions startup)
    {
        _startup = startup;
        Reset();
    }

    public int TokenLifetimeSeconds { get => _tokenLifetime; set => _tokenLifetime = value; }
    public int AuthFailureStatus { get => _authFailureStatus; set => _authFailureStatus = value; }

    /// <summary>Extra members given to customers created from now on (PUT /_sandbox/extra-fields).</summary>
    public ExtraFields ExtraFields { get => _extraFields; set => _extraFields = value; }

    public void Reset()
    {
        _tokenLifetime = _startup.TokenLifetimeSeconds;
        _authFailureStatus = _startup.AuthFailureStatus;
        _extraFields = _startup.ExtraFields;
    }
}
