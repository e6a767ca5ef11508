using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// The default connection of each runspace. Keyed weakly by the runspace, so parallel runspaces start without
    /// one and a closed runspace does not keep its connection alive; never a process-wide static connection.
    /// </summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        public static SecuConnection? Get(Runspace? runspace = null)
        {
            runspace = runspace ?? Runspace.DefaultRunspace;
            if (runspace == null) return null;
            return Slots.TryGetValue(runspace, out var slot) ? slot.Connection : null;
        }

        public static void Set(SecuConnection connection, Runspace? runspace = null)
        {
            runspace = runspace ?? Runspace.DefaultRunspace;
            if (runspace == null) return;
            Slots.GetValue(runspace, _ => new Slot()).Connection = connection;
        }

        /// <summary>Clears the default when it is <paramref name="connection"/> (or any, when null); returns what was cleared.</summary>
        public static SecuConnection? Clear(SecuConnection? connection = null, Runspace? runspace = null)
        {
            runspace = runspace ?? Runspace.DefaultRunspace;
            if (runspace == null || !Slots.TryGetValue(runspace, out var slot)) return null;
            lock (slot)
            {
                var current = slot.Connection;
                if (current == null || (connection != null && !ReferenceEquals(current, connection))) return null;
                slot.Connection = null;
                return current;
            }
        }

        private sealed class Slot
        {
            private SecuConnection? _connection;

            public SecuConnection? Connection
            {
                get { lock (this) return _connection; }
                set { lock (this) _connection = value; }
            }
        }
    }
}
