using SecuConnect.Sandbox.Extras;

namespace SecuConnect.Sandbox.Options;

/// <summary>Settings that tests may change at run time; <see cref="Reset"/> restores the start-up values.</summary>
public sealed class RuntimeSettings
{
    private readonly SandboxOptions _startup;
    private volatile int _tokenLifetime;
    private volatile int _authFailureStatus;
    private volatile ExtraFields _extraFields = ExtraFields.None;
    private volatile bool _maskContainers;
    private volatile bool _containerDeletesForbidden;
    private volatile ShapeOverrides _shapes = ShapeOverrides.None;

    public RuntimeSettings(SandboxOptions startup)
    {
        _startup = startup;
        Reset();
    }

    public int TokenLifetimeSeconds { get => _tokenLifetime; set => _tokenLifetime = value; }
    public int AuthFailureStatus { get => _authFailureStatus; set => _authFailureStatus = value; }

    /// <summary>Extra members given to customers created from now on (PUT /_sandbox/extra-fields).</summary>
    public ExtraFields ExtraFields { get => _extraFields; set => _extraFields = value; }

    /// <summary>Containers answered as a client with fewer rights sees them: IBAN masked, no private part.</summary>
    public bool MaskContainers { get => _maskContainers; set => _maskContainers = value; }

    /// <summary>Container deletes refused with the API's permission error, as for most API users.</summary>
    public bool ContainerDeletesForbidden { get => _containerDeletesForbidden; set => _containerDeletesForbidden = value; }

    /// <summary>Modelled members answered in shapes the contract does not give them (PUT /_sandbox/shapes); none by default.</summary>
    public ShapeOverrides Shapes { get => _shapes; set => _shapes = value; }

    public void Reset()
    {
        _shapes = ShapeOverrides.None;
        _maskContainers = false;
        _containerDeletesForbidden = false;
        _tokenLifetime = _startup.TokenLifetimeSeconds;
        _authFailureStatus = _startup.AuthFailureStatus;
        _extraFields = _startup.ExtraFields;
    }
}
