namespace SecuConnect.Sandbox.Query;

/// <summary>A malformed q, sort, fields or scroll parameter; answered with 400.</summary>
public sealed class QuerySyntaxException(string message) : Exception(message);
