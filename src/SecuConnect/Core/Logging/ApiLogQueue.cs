using System.Collections.Concurrent;
using System.Threading;

namespace SecuConnect.Core
{
    /// <summary>
    /// Lines the Api produces on any thread; the cmdlet drains them on the pipeline thread, the only place
    /// where Write* may run. Verbose and Debug lines are only kept when their stream shows (<see cref="VerboseEnabled"/>,
    /// <see cref="DebugEnabled"/>): a bulk run makes one queue per record, and most records log nothing that shows.
    /// </summary>
    internal sealed class ApiLogQueue
    {
        // Made with the first line kept: a record that logs nothing allocates no queue.
        private ConcurrentQueue<ApiLogEntry>? _entries;

        public bool DebugEnabled { get; set; }

        /// <summary>Whether Verbose lines show; hot paths check it before building a line.</summary>
        public bool VerboseEnabled { get; set; } = true;

        public void Verbose(string message)
        {
            if (VerboseEnabled) Entries.Enqueue(new ApiLogEntry(ApiLogLevel.Verbose, message));
        }

        public void Debug(string message)
        {
            if (DebugEnabled) Entries.Enqueue(new ApiLogEntry(ApiLogLevel.Debug, message));
        }

        public void Warning(string message) => Entries.Enqueue(new ApiLogEntry(ApiLogLevel.Warning, message));

        public bool TryDequeue(out ApiLogEntry entry)
        {
            var entries = Volatile.Read(ref _entries);
            if (entries != null) return entries.TryDequeue(out entry);
            entry = default(ApiLogEntry);
            return false;
        }

        private ConcurrentQueue<ApiLogEntry> Entries =>
            Volatile.Read(ref _entries) ?? Interlocked.CompareExchange(ref _entries, new ConcurrentQueue<ApiLogEntry>(), null) ?? _entries;
    }
}
