using System.Management.Automation;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the session's default connection: environment, base URI, client id, token expiry.</para>
    /// Writes nothing when not connected. Never shows the secret or the token.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SecuConnectContext")]
    [OutputType(typeof(SecuConnection))]
    public sealed class GetSecuConnectContextCommand : SecuCmdlet
    {
        protected override void ProcessRecord()
        {
            var connection = ConnectionStore.Get();
            if (connection == null || connection.IsDisposed) return;
            WriteObject(ConnectionOutput.ToPSObject(connection));
        }
    }
}
