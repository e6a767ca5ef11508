using System.Security.Cryptography;

namespace SecuConnect.Sandbox.Store;

/// <summary>Customer ids: PCU_ + 30 random [A-Z0-9], matched case-sensitively.</summary>
public static class CustomerIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string New() => "PCU_" + RandomNumberGenerator.GetString(Alphabet, 30);

    public static bool IsWellFormed(string id)
    {
        if (id.Length != 34 || !id.StartsWith("PCU_", StringComparison.Ordinal)) return false;
        for (int i = 4; i < id.Length; i++)
            if (id[i] is not (>= 'A' and <= 'Z' or >= '0' and <= '9')) return false;
        return true;
    }
}
