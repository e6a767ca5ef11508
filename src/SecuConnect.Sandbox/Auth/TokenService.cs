using System.Collections.Concurrent;
using System.Security.Cryptography;
using SecuConnect.Sandbox.Options;

namespace SecuConnect.Sandbox.Auth;

/// <summary>Issues and checks opaque bearer tokens. Several tokens per client stay valid side by side.</summary>
public sealed class TokenService
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";
    private readonly ConcurrentDictionary<string, long> _expiry = new(StringComparer.Ordinal);
    private readonly RuntimeSettings _settings;
    private readonly TimeProvider _time;
    private int _issuedSinceSweep;

    public TokenService(RuntimeSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
    }

    /// <summary>Issues a token; returns it with its lifetime in seconds.</summary>
    public (string Token, int Lifetime) Issue()
    {
        int lifetime = _settings.TokenLifetimeSeconds;
        string token = RandomNumberGenerator.GetString(Alphabet, 26);
        _expiry[token] = _time.GetTimestamp() + lifetime * _time.TimestampFrequency;
        if (Interlocked.Increment(ref _issuedSinceSweep) >= 10_000) Sweep();
        return (token, lifetime);
    }

    public bool IsValid(string token) =>
        _expiry.TryGetValue(token, out long until) && _time.GetTimestamp() < until;

    /// <summary>Expires every token issued so far.</summary>
    public void ExpireAll() => _expiry.Clear();

    private void Sweep()
    {
        Interlocked.Exchange(ref _issuedSinceSweep, 0);
        long now = _time.GetTimestamp();
        foreach (var kv in _expiry)
            if (kv.Value <= now) _expiry.TryRemove(kv);
    }
}
