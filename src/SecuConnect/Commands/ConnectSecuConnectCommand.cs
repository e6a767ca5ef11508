using System;
using System.Management.Automation;
using System.Security;
using SecuConnect.Api;
using SecuConnect.Output;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Signs in to the SecuConnect API and makes the connection the session's default.</para>
    /// Fetches a token at once, so wrong credentials fail here; tokens are renewed silently afterwards.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "SecuConnect", DefaultParameterSetName = CredentialSet)]
    [OutputType(ConnectionOutput.TypeName)]
    public sealed class ConnectSecuConnectCommand : SecuCmdlet
    {
        public const string CredentialSet = "Credential";
        public const string ClientSecretSet = "ClientSecret";
        public const string AccessTokenSet = "AccessToken";

        /// <summary>User name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; }

        /// <summary>A token obtained elsewhere; it is used as is and cannot be renewed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; }

        [Parameter]
        public SecuEnvironment Environment { get; set; } = SecuEnvironment.Production;

        /// <summary>Any other host root, such as a sandbox (http://127.0.0.1:PORT); wins over -Environment.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri BaseUri { get; set; }

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

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var options = new SecuConnectionOptions
            {
                BaseUri = BaseUri,
                Environment = BaseUri == null ? (SecuEnvironment?)Environment : null,
                MaximumRetryCount = MaximumRetryCount,
                RetryIntervalSec = RetryIntervalSec,
                TimeoutSec = TimeoutSec,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
            };
            switch (ParameterSetName)
            {
                case CredentialSet:
                    if (string.IsNullOrEmpty(Credential.UserName) || Credential.Password == null || Credential.Password.Length == 0)
                        ThrowTerminatingError(Errors.Argument("InvalidCredential", "-Credential needs the client id as user name and the client secret as password.", null));
                    options.ClientId = Credential.UserName.TrimStart('\\');
                    options.ClientSecret = Credential.Password;
                    break;
                case ClientSecretSet:
                    options.ClientId = ClientId;
                    options.ClientSecret = ClientSecret;
                    break;
                default:
                    if (AccessToken.Length == 0)
                        ThrowTerminatingError(Errors.Argument("InvalidAccessToken", "-AccessToken is empty.", null));
                    options.AccessToken = AccessToken;
                    break;
            }

            SecuConnection connection;
            try
            {
                connection = SecuConnection.Create(options);
            }
            catch (SecuApiException ex)
            {
                // A base URI with user info is never echoed: the user info may be a password.
                object target = BaseUri != null && BaseUri.IsAbsoluteUri && !string.IsNullOrEmpty(BaseUri.UserInfo)
                    ? (object)new UriBuilder(BaseUri) { UserName = string.Empty, Password = string.Empty }.Uri
                    : BaseUri;
                var record = Errors.FromApi(ex, target);
                if (ex.ErrorId == "UnencryptedConnection" || ex.ErrorId == "InvalidBaseUri" && target != (object)BaseUri)
                    record = new ErrorRecord(ex, ex.ErrorId, ErrorCategory.SecurityError, target) { ErrorDetails = record.ErrorDetails };
                ThrowTerminatingError(record);
                return;
            }

            if (ParameterSetName != AccessTokenSet)
            {
                try
                {
                    Run(ct => new SecuClient(connection, Log).AuthenticateAsync(ct));
                }
                catch (SecuApiException ex)
                {
                    connection.Dispose();
                    ThrowTerminatingError(Errors.FromApi(ex, options.ClientId));
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }

            ConnectionStore.Set(connection);
            WriteVerbose(connection.TokenExpiresOn.HasValue
                ? $"Connected to {connection.BaseUri} as {connection.ClientId}; the token expires {connection.TokenExpiresOn.Value:u} and is renewed automatically."
                : $"Connected to {connection.BaseUri} with a caller-supplied access token.");
            if (PassThru) WriteObject(ConnectionOutput.ToPSObject(connection));
        }
    }
}
