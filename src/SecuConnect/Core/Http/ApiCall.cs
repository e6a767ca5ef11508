#nullable enable
using System;

namespace SecuConnect.Core
{
    /// <summary>
    /// What one cmdlet call, or one record's call in a bulk run, hands to a resource's client: the connection, the log
    /// queue its lines go to, the run's warn-once record of unexpected answer shapes, and the bulk run's <see cref="CallControl"/> (null outside a run). Each resource builds
    /// its own client from it, so the cmdlet bases know no resource.
    /// </summary>
    internal sealed class ApiCall
    {
        public ApiCall(SecuConnection connection, ApiLogQueue log, CallControl? control = null, ShapeWarnings? shapes = null)
        {
            Shapes = shapes;
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Log = log ?? throw new ArgumentNullException(nameof(log));
            Control = control;
        }

        public SecuConnection Connection { get; }

        public ApiLogQueue Log { get; }

        /// <summary>Set in a bulk run: stops new requests when the run ends and records whether a change was sent.</summary>
        public CallControl? Control { get; }

        /// <summary>The command run's warn-once record of answer members in unexpected shapes; null warns per client.</summary>
        public ShapeWarnings? Shapes { get; }
    }
}
