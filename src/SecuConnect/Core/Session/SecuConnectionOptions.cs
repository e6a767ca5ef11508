using System;
using System.Security;

namespace SecuConnect.Core
{
    /// <summary>What Connect-SecuConnect collected; the secret stays a SecureString.</summary>
    internal sealed class SecuConnectionOptions
    {
        public Uri? BaseUri { get; set; }
        public SecuEnvironment? Environment { get; set; }
        public string? ClientId { get; set; }
        public SecureString? ClientSecret { get; set; }
        public SecureString? AccessToken { get; set; }
        public int MaximumRetryCount { get; set; } = 5;
        public int RetryIntervalSec { get; set; } = 1;
        public int TimeoutSec { get; set; } = 30;
        public bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>A proxy for every request; null for the platform's (HTTPS_PROXY/NO_PROXY, or the system settings).</summary>
        public Uri? Proxy { get; set; }

        public System.Net.ICredentials? ProxyCredential { get; set; }

        /// <summary>Signs in to the proxy as the current user.</summary>
        public bool ProxyUseDefaultCredentials { get; set; }

        public static Uri EnvironmentUri(SecuEnvironment environment) =>
            environment == SecuEnvironment.Testing
                ? new Uri("https://connect-testing.secuconnect.com")
                : new Uri("https://connect.secucard.com");
    }
}
