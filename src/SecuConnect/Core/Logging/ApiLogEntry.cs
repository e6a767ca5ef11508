namespace SecuConnect.Core
{
    internal struct ApiLogEntry
    {
        public ApiLogEntry(ApiLogLevel level, string message)
        {
            Level = level;
            Message = message;
        }

        public ApiLogLevel Level { get; }
        public string Message { get; }

        public override string ToString() => Level + ": " + Message;
    }
}
