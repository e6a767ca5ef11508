using System.Threading.Tasks;

namespace SecuConnect.Core
{
    /// <summary>
    /// What a <see cref="BulkRun"/> needs from its command: the streams, written on the pipeline thread. The run decides
    /// what happens to each record; the command only writes it.
    /// </summary>
    internal interface IBulkRunOutput
    {
        /// <summary>Blocks until a record's call has finished; throws when the user stops the pipeline.</summary>
        void WaitFor(Task call);

        /// <summary>Writes the Verbose, Debug and warning lines a record's call queued (null: none).</summary>
        void WriteLog(ApiLogQueue? log);

        /// <summary>Writes a record's error; a session failure ends the run by throwing.</summary>
        void WriteFailure(SecuApiException error, object? target);

        /// <summary>Writes the NotAttempted error of a record the run did not send because the API is unavailable.</summary>
        void WriteNotAttempted(SecuApiException notSent, object? target);

        void WriteVerbose(string line);

        /// <summary>Reports a record after an early end, when output and error streams may be closed. Never throws.</summary>
        void WarnAfterEnd(string warning);

        /// <summary>How a record's input reads in a warning (a CSV row, an object); null is no input.</summary>
        string RowText(object? target);

        void ShowProgress(int finished, int received, int inFlight);

        void CompleteProgress(int finished, int received);

        void WriteSummary(BulkSummary summary);
    }
}
