namespace SecuConnect.Api
{
    internal enum RetryVerdict
    {
        Retry,
        Fail,
        OutcomeUnknown,
    }
}
