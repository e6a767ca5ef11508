using System.Security.Cryptography;

namespace SecuConnect.Sandbox.Store;

/// <summary>Ids of one product: a three-letter prefix and an underscore, then 30 random [A-Z0-9], matched case-sensitively.</summary>
public sealed class ProductIds(string prefix)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>Payment containers: PCT_ + 30 alphanumerics (the vendor's documentation).</summary>
    public static readonly ProductIds Containers = new("PCT_");

    public string Prefix { get; } = prefix;

    public string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, 30);

    public bool IsWellFormed(string id)
    {
        if (id.Length != Prefix.Length + 30 || !id.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        for (int i = Prefix.Length; i < id.Length; i++)
            if (id[i] is not (>= 'A' and <= 'Z' or >= '0' and <= '9')) return false;
        return true;
    }
}
