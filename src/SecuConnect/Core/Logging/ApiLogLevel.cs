namespace SecuConnect.Core
{
    /// <summary>The stream a queued log line belongs on once the cmdlet drains it on the pipeline thread.</summary>
    internal enum ApiLogLevel
    {
        Verbose,
        Debug,
        Warning,
    }
}
