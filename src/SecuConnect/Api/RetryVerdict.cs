namespace SecuConnect.Api
{
    public enum RetryVerdict
    {
        Retry,
        Fail,
        OutcomeUnknown,
    }
}
