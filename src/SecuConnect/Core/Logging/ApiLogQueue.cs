using System.Collections.Concurrent;

namespace SecuConnect.Core
{
    /// <summary>
    /// Lines the Api produces on any thread; the cmdlet drains them on the pipeline thread, the only place
    /// where Write* may run. Debug lines are only built when <see cref="DebugEnabled"/> is set, as masking costs.
    /// </summary>
    internal sealed class ApiLogQueue
    {
        private readonly ConcurrentQueue<ApiLogEntry> _entries = new ConcurrentQueue<ApiLogEntry>();

        public bool DebugEnabled { get; set; }

        public void Verbose(string message) => _entries.Enqueue(new ApiLogEntry(ApiLogLevel.Verbose, message));

        public void Debug(string message)
        {
            if (DebugEnabled) _entries.Enqueue(new ApiLogEntry(ApiLogLevel.Debug, message));
        }

        public void Warning(string message) => _entries.Enqueue(new ApiLogEntry(ApiLogLevel.Warning, message));

        public bool TryDequeue(out ApiLogEntry entry) => _entries.TryDequeue(out entry);
    }
}
