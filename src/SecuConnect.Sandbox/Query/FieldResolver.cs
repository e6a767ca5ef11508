namespace SecuConnect.Sandbox.Query;

/// <summary>
/// A resource's dotted field paths (contact.address.city, private.iban) resolved to accessors once per request,
/// not by reflection per record: the accessor of a path, or null for a path that names nothing (it matches nothing).
/// </summary>
public delegate Func<T, string?>? FieldResolver<T>(string path);
