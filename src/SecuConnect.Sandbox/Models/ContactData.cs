using SecuConnect.Sandbox.Extras;

namespace SecuConnect.Sandbox.Models;

/// <summary>An immutable, normalised contact: unset fields are null, never empty.</summary>
public sealed class ContactData
{
    public ContactData(string?[] values, string?[]? address, ExtraMember[]? extras = null, ExtraMember[]? addressExtras = null)
    {
        Values = values;
        Address = address != null && Array.Exists(address, v => v != null) ? address : null;
        Extras = extras ?? [];
        AddressExtras = addressExtras ?? [];
        string? fore = values[ContactFields.Forename], sur = values[ContactFields.Surname];
        Name = fore != null && sur != null ? fore + " " + sur : fore ?? sur;
    }

    /// <summary>Values indexed like <see cref="ContactFields.Contact"/>.</summary>
    public string?[] Values { get; }

    /// <summary>Values indexed like <see cref="ContactFields.Address"/>, or null when no address field is set.</summary>
    public string?[]? Address { get; }

    /// <summary>Contact members beyond the modelled ones (see <see cref="ExtraFields"/>), raw JSON kept as sent.</summary>
    public ExtraMember[] Extras { get; }

    /// <summary>Address members beyond the modelled ones, raw JSON kept as sent.</summary>
    public ExtraMember[] AddressExtras { get; }

    /// <summary>Whether the contact has an address object: a modelled address field or an extra address member.</summary>
    public bool HasAddress => Address != null || AddressExtras.Length > 0;

    /// <summary>forename + " " + surname, or the one that is set.</summary>
    public string? Name { get; }
}
