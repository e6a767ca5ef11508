namespace SecuConnect.Sandbox.Models;

/// <summary>An immutable, normalised contact: unset fields are null, never empty.</summary>
public sealed class ContactData
{
    public ContactData(string?[] values, string?[]? address)
    {
        Values = values;
        Address = address != null && Array.Exists(address, v => v != null) ? address : null;
        string? fore = values[ContactFields.Forename], sur = values[ContactFields.Surname];
        Name = fore != null && sur != null ? fore + " " + sur : fore ?? sur;
    }

    /// <summary>Values indexed like <see cref="ContactFields.Contact"/>.</summary>
    public string?[] Values { get; }

    /// <summary>Values indexed like <see cref="ContactFields.Address"/>, or null when no address field is set.</summary>
    public string?[]? Address { get; }

    /// <summary>forename + " " + surname, or the one that is set.</summary>
    public string? Name { get; }
}
