namespace SecuConnect
{
    /// <summary>
    /// What a bulk New, Set or Remove run did, written to the Information stream with the tag
    /// <see cref="SecuBulkCmdlet.SummaryTag"/> when the run ends (also after an early end). Every record the command
    /// received falls in exactly one count.
    /// </summary>
    public sealed class BulkSummary
    {
        public BulkSummary(string command, string action, int done, int failed, int unknown, int notAttempted, string? abandonedBecause = null)
        {
            AbandonedBecause = abandonedBecause;
            Command = command;
            Action = action;
            Done = done;
            Failed = failed;
            Unknown = unknown;
            NotAttempted = notAttempted;
        }

        public string Command { get; }

        /// <summary>created, updated or removed.</summary>
        public string Action { get; }

        /// <summary>Records created, updated or removed.</summary>
        public int Done { get; }

        /// <summary>Records with an error, including those rejected before sending (an invalid id, say).</summary>
        public int Failed { get; }

        /// <summary>Creates or changes whose outcome is unknown (OutcomeUnknown): check with Get-SecuCustomer.</summary>
        public int Unknown { get; }

        /// <summary>Records never sent, because the run ended or stopped sending.</summary>
        public int NotAttempted { get; }

        /// <summary>True when the run stopped sending because the API was unavailable (the dead-API rule).</summary>
        public bool Abandoned => AbandonedBecause != null;

        /// <summary>Why the run stopped sending, e.g. "stopped sending after 5 records in a row failed because the API is unavailable (...)"; null otherwise.</summary>
        public string? AbandonedBecause { get; }

        public override string ToString() =>
            $"{Command}: {Done} {Action}, {Failed} failed, {Unknown} outcome unknown, {NotAttempted} not attempted." +
            (Abandoned ? $" Abandoned: {AbandonedBecause}." : string.Empty);
    }
}
