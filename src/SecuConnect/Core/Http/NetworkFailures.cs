using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;

namespace SecuConnect.Core
{
    /// <summary>Tells a request that never left the machine (DNS, connect, TLS handshake) from one whose connection broke later.</summary>
    internal static class NetworkFailures
    {
        // HttpRequestException.HttpRequestError exists from .NET 8 on; netstandard2.0 cannot name it.
        private static readonly PropertyInfo RequestErrorProperty = typeof(HttpRequestException).GetProperty("HttpRequestError");

        public static FailureKind Classify(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is HttpRequestException hre && RequestErrorProperty != null)
                {
                    string? error = RequestErrorProperty.GetValue(hre)?.ToString();
                    if (error == "NameResolutionError" || error == "ConnectionError" || error == "SecureConnectionError" || error == "ProxyTunnelError")
                        return FailureKind.NotSent;
                }
                // .NET Framework (Windows PowerShell 5.1) reports DNS, connect and TLS handshake failures as WebException.
                if (e is System.Net.WebException we)
                {
                    switch (we.Status)
                    {
                        case System.Net.WebExceptionStatus.NameResolutionFailure:
                        case System.Net.WebExceptionStatus.ProxyNameResolutionFailure:
                        case System.Net.WebExceptionStatus.ConnectFailure:
                        case System.Net.WebExceptionStatus.SecureChannelFailure:
                        case System.Net.WebExceptionStatus.TrustFailure:
                            return FailureKind.NotSent;
                    }
                }
                // A TLS handshake that failed: nothing of the request was sent.
                if (e is System.Security.Authentication.AuthenticationException) return FailureKind.NotSent;
                if (e is SocketException se)
                {
                    switch (se.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.HostDown:
                        case SocketError.NetworkUnreachable:
                        case SocketError.NetworkDown:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return FailureKind.NotSent;
                    }
                }
            }
            return FailureKind.LostAfterSending;
        }
    }
}
