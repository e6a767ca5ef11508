namespace SecuConnect.Core
{
    internal enum RetryVerdict
    {
        Retry,
        Fail,
        OutcomeUnknown,
    }
}
