#nullable enable
using System;

namespace SecuConnect.Core
{
    /// <summary>
    /// What one cmdlet call, or one record's call in a bulk run, hands to a resource's client: the connection, the log
    /// queue its lines go to, and the bulk run's <see cref="CallControl"/> (null outside a run). Each resource builds
    /// its own client from it, so the cmdlet bases know no resource.
    /// </summary>
    internal sealed class ApiCall
    {
        public ApiCall(SecuConnection connection, ApiLogQueue log, CallControl? control = null)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Log = log ?? throw new ArgumentNullException(nameof(log));
            Control = control;
        }

        public SecuConnection Connection { get; }

        public ApiLogQueue Log { get; }

        /// <summary>Set in a bulk run: stops new requests when the run ends and records whether a change was sent.</summary>
        public CallControl? Control { get; }
    }
}
