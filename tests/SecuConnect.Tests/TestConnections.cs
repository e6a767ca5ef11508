using System.Security;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Tests;

internal static class TestConnections
{
    public const string ClientId = "09ae83af7c37121b2de929b211bad944";
    public const string Secret = "not-a-real-secret-but-long-enough-to-spot";

    public static SecureString Secure(string value)
    {
        var s = new SecureString();
        foreach (char c in value) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    /// <summary>A connection over <paramref name="handler"/> whose waits are recorded instead of slept.</summary>
    public static SecuConnection Create(FakeHandler handler, List<TimeSpan>? delays = null, int maximumRetryCount = 5,
        int retryIntervalSec = 1, int timeoutSec = 30, double random = 1.0, Func<DateTimeOffset>? clock = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null, int maxRequestsInFlight = 64)
    {
        var connection = new SecuConnection(new SecuConnectionOptions
        {
            BaseUri = new Uri("http://127.0.0.1:5999"),
            ClientId = ClientId,
            ClientSecret = Secure(Secret),
            MaximumRetryCount = maximumRetryCount,
            RetryIntervalSec = retryIntervalSec,
            TimeoutSec = timeoutSec,
        }, handler, clock, () => random, delay ?? ((d, ct) =>
        {
            lock (delays ?? new List<TimeSpan>()) delays?.Add(d);
            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }), maxRequestsInFlight);
        return connection;
    }
}
