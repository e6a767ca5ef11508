using System.Threading;

namespace SecuConnect.Core
{
    /// <summary>
    /// What a bulk command hands to one record's call: a signal that no new request may start because the run is
    /// ending, and a record of whether a request that changes data (POST, PUT, DELETE) has left the machine, so an
    /// interrupted call can be reported as "not sent" or as "outcome unknown".
    /// </summary>
    internal sealed class CallControl
    {
        private int _changeSent;

        public CallControl(CancellationToken stopSending)
        {
            StopSending = stopSending;
        }

        /// <summary>Once cancelled, no new attempt, retry or follow-up request starts; requests already sent may finish.</summary>
        public CancellationToken StopSending { get; }

        /// <summary>True once a POST, PUT or DELETE of this call was handed to the network.</summary>
        public bool ChangeSent => Volatile.Read(ref _changeSent) != 0;

        internal void MarkChangeSent() => Interlocked.Exchange(ref _changeSent, 1);
    }
}
