using System.Management.Automation;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    internal static class ConnectionOutput
    {
        public const string TypeName = "SecuConnect.Connection";

        /// <summary>The connection itself, wrapped so formatting finds the "SecuConnect.Connection" view; it still binds to -Connection.</summary>
        public static PSObject ToPSObject(SecuConnection connection)
        {
            var o = PSObject.AsPSObject(connection);
            if (o.TypeNames.Count == 0 || o.TypeNames[0] != TypeName) o.TypeNames.Insert(0, TypeName);
            return o;
        }
    }
}
