namespace SecuConnect.Sandbox.Query;

/// <summary>
/// What a resource's listing needs to know about its records: the object name every item carries, how a path
/// resolves to a value (q and sort), and in strict mode which paths exist (a leaf, or with objects also an object
/// that fields may name).
/// </summary>
public sealed record ListSchema<T>(string ObjectName, FieldResolver<T> Resolve, Func<string, bool, bool> IsKnown);
