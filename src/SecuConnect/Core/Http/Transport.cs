using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;

namespace SecuConnect.Core
{
    /// <summary>
    /// The HTTP handler a connection sends through: no redirects or cookies, enough connections per host for the
    /// largest -ThrottleLimit, the proxy Connect-SecuConnect was given or else the platform's, and TLS 1.2 or later
    /// on Windows PowerShell 5.1 without taking away a protocol the user enabled.
    /// </summary>
    internal static class Transport
    {
        /// <summary>The largest -ThrottleLimit: .NET Framework allows 2 connections per host unless told otherwise.</summary>
        public const int MaxConnectionsPerServer = 64;

        // SecurityProtocolType.Tls13 (12288) is unknown to .NET Framework before 4.8; the value works where it is known.
        private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

        public static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        public static HttpClientHandler CreateHandler(SecuConnectionOptions options)
        {
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            try { handler.MaxConnectionsPerServer = MaxConnectionsPerServer; }
            catch (PlatformNotSupportedException) { }
            if (options.Proxy != null)
            {
                handler.UseProxy = true;
                // WebProxy.UseDefaultCredentials = false would clear Credentials: set only the one that applies.
                var proxy = new WebProxy(options.Proxy);
                if (options.ProxyCredential != null) proxy.Credentials = options.ProxyCredential;
                else if (options.ProxyUseDefaultCredentials) proxy.UseDefaultCredentials = true;
                handler.Proxy = proxy;
            }
            else if (options.ProxyUseDefaultCredentials)
            {
                // The platform's proxy (HTTPS_PROXY and NO_PROXY on PowerShell 7, the system settings on 5.1), signed in as the user.
                handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
            }
            if (IsNetFramework) ServicePointManager.SecurityProtocol = WithModernTls(ServicePointManager.SecurityProtocol);
            return handler;
        }

        /// <summary>
        /// The protocols to allow: SystemDefault (0) stays, so the operating system chooses (TLS 1.3 included);
        /// otherwise the user's flags plus TLS 1.2 and, where the runtime knows it, TLS 1.3. Nothing is removed.
        /// </summary>
        public static SecurityProtocolType WithModernTls(SecurityProtocolType current, bool runtimeKnowsTls13 = true)
        {
            if (current == 0) return current;
            current |= SecurityProtocolType.Tls12;
            if (runtimeKnowsTls13) current |= Tls13;
            return current;
        }

        /// <summary>
        /// The proxy a request to <paramref name="target"/> goes through, as scheme, host and port (user info from
        /// HTTPS_PROXY=http://user:pass@... is never kept): null when it goes direct.
        /// </summary>
        public static Uri? ProxyFor(SecuConnectionOptions options, Uri target)
        {
            if (options.Proxy != null) return LogMasker.WithoutUserInfo(options.Proxy);
            try
            {
                var platform = WebRequest.DefaultWebProxy;
                if (platform == null || platform.IsBypassed(target)) return null;
                var proxy = platform.GetProxy(target);
                return proxy == null || proxy == target ? null : LogMasker.WithoutUserInfo(proxy);
            }
            catch (PlatformNotSupportedException)
            {
                return null;
            }
        }
    }
}
