using System.Management.Automation;
using SecuConnect.Api;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Base of the cmdlets that call the API: adds -Connection and falls back to the runspace's default
    /// connection, else stops with NotConnected.
    /// </summary>
    public abstract class SecuConnectedCmdlet : SecuCmdlet
    {
        private SecuClient _client;

        /// <summary>A connection from Connect-SecuConnect -PassThru; without it the runspace's default connection is used.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecuConnection Connection { get; set; }

        protected SecuClient Client => _client ?? (_client = new SecuClient(ResolveConnection(), Log));

        protected override void BeginProcessing()
        {
            _ = Client;
        }

        private SecuConnection ResolveConnection()
        {
            var connection = Connection ?? ConnectionStore.Get();
            if (connection == null)
                ThrowTerminatingError(Errors.NotConnected("Not connected to SecuConnect. Run Connect-SecuConnect first, or pass -Connection."));
            if (connection.IsDisposed)
                ThrowTerminatingError(Errors.NotConnected("This connection was closed by Disconnect-SecuConnect. Run Connect-SecuConnect to sign in again."));
            return connection;
        }
    }
}
