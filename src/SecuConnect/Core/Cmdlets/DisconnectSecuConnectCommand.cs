using System.Management.Automation;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Closes a connection and forgets its token.</para>
    /// Without -Connection it closes the session's default connection; doing so when not connected is no error.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "SecuConnect")]
    public sealed class DisconnectSecuConnectCommand : SecuCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecuConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            SecuConnection? closing;
            if (Connection != null)
            {
                ConnectionStore.Clear(Connection);
                closing = Connection;
            }
            else
            {
                closing = ConnectionStore.Clear();
            }
            if (closing == null)
            {
                WriteVerbose("Not connected: nothing to disconnect.");
                return;
            }
            closing.Dispose();
            WriteVerbose($"Disconnected from {closing.BaseUri}.");
        }
    }
}
