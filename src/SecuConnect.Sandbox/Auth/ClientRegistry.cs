using System.Security.Cryptography;
using System.Text;

namespace SecuConnect.Sandbox.Auth;

/// <summary>The API clients the sandbox accepts. Secrets are compared in constant time and never logged.</summary>
public sealed class ClientRegistry
{
    private readonly Dictionary<string, byte[]> _secrets;

    public ClientRegistry(IReadOnlyDictionary<string, string> clients)
    {
        _secrets = clients.ToDictionary(c => c.Key, c => Encoding.UTF8.GetBytes(c.Value), StringComparer.Ordinal);
    }

    public bool Validate(string clientId, string? secret)
    {
        byte[] given = Encoding.UTF8.GetBytes(secret ?? "");
        if (!_secrets.TryGetValue(clientId, out var expected))
        {
            // Compare anyway so an unknown id costs the same as a wrong secret.
            CryptographicOperations.FixedTimeEquals(given, given);
            return false;
        }
        return secret != null && CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
