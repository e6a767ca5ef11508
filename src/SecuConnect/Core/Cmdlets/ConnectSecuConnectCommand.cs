using System;
using System.Management.Automation;
using System.Security;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Signs in to the SecuConnect API and makes the connection the session's default.</para>
    /// Fetches a token at once, so wrong credentials fail here; tokens are renewed silently afterwards.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "SecuConnect", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(SecuConnection))]
    public sealed class ConnectSecuConnectCommand : SecuCmdlet
    {
        public const string CredentialSet = "Credential";
        public const string ClientSecretSet = "ClientSecret";
        public const string AccessTokenSet = "AccessToken";

        /// <summary>The cheapest request a payment API user may make: a listing that answers only its total.</summary>
        private const string TokenCheckPath = "/Payment/Customers?count=0";

        /// <summary>User name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary>A token obtained elsewhere; it is used as is and cannot be renewed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary>Connect without the request that checks -AccessToken (offline use, or a token for other products).</summary>
        [Parameter(ParameterSetName = AccessTokenSet)]
        public SwitchParameter SkipCheck { get; set; }

        [Parameter]
        public SecuEnvironment Environment { get; set; } = SecuEnvironment.Production;

        /// <summary>Any other host root, such as a sandbox (http://127.0.0.1:PORT); wins over -Environment.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        [Parameter]
        [ValidateRange(0, 100)]
        public int MaximumRetryCount { get; set; } = 5;

        [Parameter]
        [ValidateRange(0, 3600)]
        public int RetryIntervalSec { get; set; } = 1;

        /// <summary>Seconds per attempt; 0 waits indefinitely.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int TimeoutSec { get; set; } = 30;

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>A proxy for the token and API requests; without it, the platform's proxy settings apply.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>The user name and password for -Proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Signs in to the proxy as the current user.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            // Whatever fails from here on, the session is left without a default connection, so the script's next
            // command fails with NotConnected instead of writing to the previous tenant. Connections the user holds
            // (-PassThru, -Connection) are not closed.
            ConnectionStore.Clear();
            var options = Options();
            var connection = Open(options);
            // Scheme and authority only: a proxy URI's user info may be a password.
            WriteVerbose(connection.Proxy == null ? $"Requests go directly to {connection.BaseUri.Scheme}://{connection.BaseUri.Authority} (no proxy)."
                : $"Requests go through the proxy {connection.Proxy.Scheme}://{connection.Proxy.Authority}" + (Proxy == null ? " (the platform's proxy settings)." : "."));
            try
            {
                // With client credentials the first token, so wrong credentials or a wrong address fail at once.
                if (ParameterSetName != AccessTokenSet)
                    CallApi(ct => connection.FirstTokenAsync(Log, ct));
                else if (!SkipCheck)
                    ReportCheck(CallApi(ct => new GenericClient(connection, Log).CheckAccessTokenAsync(new Uri(connection.ApiRoot + TokenCheckPath), ct)));
            }
            catch (SecuApiException ex)
            {
                connection.Dispose();
                Fail(ConnectError(ex, connection.BaseUri, options.ClientId));
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            ConnectionStore.Set(connection);
            WriteVerbose(connection.TokenExpiresOn.HasValue
                ? $"Connected to {connection.BaseUri} as {connection.ClientId}; the token expires {connection.TokenExpiresOn.Value:u} and is renewed automatically."
                : $"Connected to {connection.BaseUri} with a caller-supplied access token.");
            if (PassThru) WriteObject(ConnectionOutput.ToPSObject(connection));
        }

        /// <summary>Stops the command, saying that no default connection is left.</summary>
        private void Fail(ErrorRecord record)
        {
            const string note = " No connection is the default now: commands without -Connection fail with NotConnected until Connect-SecuConnect succeeds.";
            record.ErrorDetails = new ErrorDetails((record.ErrorDetails?.Message ?? record.Exception.Message).TrimEnd() + note)
            {
                RecommendedAction = record.ErrorDetails?.RecommendedAction,
            };
            ThrowTerminatingError(record);
        }

        /// <summary>The settings and credentials as given, checked before anything is sent.</summary>
        private SecuConnectionOptions Options()
        {
            var options = new SecuConnectionOptions
            {
                BaseUri = BaseUri,
                Environment = BaseUri == null ? (SecuEnvironment?)Environment : null,
                MaximumRetryCount = MaximumRetryCount,
                RetryIntervalSec = RetryIntervalSec,
                TimeoutSec = TimeoutSec,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
            };
            if (ProxyCredential != null && ProxyUseDefaultCredentials)
                Fail(Errors.Argument(ErrorIds.ConflictingProxyCredential, "Give -ProxyCredential or -ProxyUseDefaultCredentials, not both.", null));
            SetProxy(options);
            switch (ParameterSetName)
            {
                case CredentialSet: // -Credential is mandatory in its set, and so is -AccessToken in the default one
                    if (string.IsNullOrEmpty(Credential!.UserName) || Credential.Password == null || Credential.Password.Length == 0)
                        Fail(Errors.Argument(ErrorIds.InvalidCredential, "-Credential needs the client id as user name and the client secret as password.", null));
                    options.ClientId = Credential.UserName.TrimStart('\\');
                    options.ClientSecret = Credential.Password;
                    break;
                case ClientSecretSet:
                    options.ClientId = ClientId;
                    options.ClientSecret = ClientSecret;
                    break;
                default:
                    if (AccessToken!.Length == 0)
                        Fail(Errors.Argument(ErrorIds.InvalidAccessToken, "-AccessToken is empty.", null));
                    options.AccessToken = AccessToken;
                    break;
            }
            return options;
        }

        /// <summary>
        /// -Proxy as the handler takes it: scheme, host and port, with a user name and password in the URI used as the proxy
        /// credentials (never echoed); -ProxyCredential or -ProxyUseDefaultCredentials win over them, with a warning.
        /// </summary>
        private void SetProxy(SecuConnectionOptions options)
        {
            options.ProxyCredential = ProxyCredential?.GetNetworkCredential();
            if (Proxy == null) return;
            var shown = LogMasker.WithoutUserInfo(Proxy);
            if (!Proxy.IsAbsoluteUri || (Proxy.Scheme != Uri.UriSchemeHttp && Proxy.Scheme != Uri.UriSchemeHttps) || shown == null)
                Fail(Errors.Argument(ErrorIds.InvalidProxy,
                    $"-Proxy must be an absolute http or https URI, such as http://proxy.example.com:8080, not '{LogMasker.ShowAddress(Proxy)}'.", LogMasker.ShowAddress(Proxy)));
            options.Proxy = new UriBuilder(Proxy) { UserName = string.Empty, Password = string.Empty }.Uri;
            if (string.IsNullOrEmpty(Proxy.UserInfo)) return;
            if (ProxyCredential != null || ProxyUseDefaultCredentials)
            {
                string winner = ProxyCredential != null ? "-ProxyCredential" : "-ProxyUseDefaultCredentials";
                WriteWarning($"-Proxy carries a user name and password, and {winner} is also given: {winner} signs in to the proxy {shown}.");
                return;
            }
            string[] parts = Proxy.UserInfo.Split(UserInfoSeparator, 2);
            options.ProxyCredential = new System.Net.NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
        }

        private static readonly char[] UserInfoSeparator = { ':' };

        /// <summary>The connection for these options; a refused base URI stops the command, never echoing user info.</summary>
        private SecuConnection Open(SecuConnectionOptions options)
        {
            try
            {
                return SecuConnection.Create(options);
            }
            catch (SecuApiException ex)
            {
                // A base URI with user info is never echoed: the user info may be a password.
                object? target = BaseUri != null && BaseUri.IsAbsoluteUri && !string.IsNullOrEmpty(BaseUri.UserInfo)
                    ? (object)new UriBuilder(BaseUri) { UserName = string.Empty, Password = string.Empty }.Uri
                    : BaseUri;
                var record = Errors.FromApi(ex, target);
                if (ex.IsSecurityRefusal)
                    record = new ErrorRecord(ex, ex.ErrorId, ErrorCategory.SecurityError, target) { ErrorDetails = record.ErrorDetails };
                Fail(record);
                throw; // not reached: ThrowTerminatingError throws
            }
        }

        /// <summary>The check of -AccessToken did not refuse the token: connect, and say what else it found.</summary>
        private void ReportCheck(AccessTokenCheck check)
        {
            if (check.Failure == null)
            {
                WriteVerbose("The API accepted the access token.");
            }
            else if (check.StatusCode == 404)
            {
                WriteWarning($"Connected, but the API answered HTTP 404 at {check.Failure.RequestUri?.GetLeftPart(UriPartial.Path)}: " +
                             "the base URI may be wrong. Give -BaseUri the host root, such as https://connect.secucard.com; " +
                             "the module adds /api/v2 itself.");
            }
            else
            {
                WriteVerbose($"The access token was not refused, so the connection is made; the check answered: {check.Failure.Message}");
            }
        }

        /// <summary>A failed first contact, pointing at what the user can fix: the address, the credentials or the token.</summary>
        private ErrorRecord ConnectError(SecuApiException ex, Uri baseUri, string? clientId)
        {
            bool address = ex.IsAboutAddress || ex.NotSent;
            var record = Errors.FromApi(ex, address ? (object)baseUri : clientId);
            if (address)
            {
                record.ErrorDetails.RecommendedAction = ex.NotSent
                    ? "Check -BaseUri (or -Environment) and that the server is running and reachable from this machine" +
                      (ParameterSetName == AccessTokenSet ? "; -SkipCheck connects without contacting it." : ".")
                    : "Give -BaseUri the host root, such as https://connect.secucard.com or http://127.0.0.1:5080 for a local sandbox.";
            }
            else if (ParameterSetName == AccessTokenSet && ex.Kind == SecuErrorKind.AuthenticationFailed)
            {
                record.ErrorDetails.RecommendedAction = "Get a new access token, or connect with -Credential so the module renews tokens itself.";
            }
            return record;
        }
    }
}
