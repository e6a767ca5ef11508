namespace SecuConnect.Core
{
    /// <summary>What the API answered when Connect checked a caller-supplied access token.</summary>
    internal sealed class AccessTokenCheck
    {
        public AccessTokenCheck(int statusCode, SecuApiException? failure)
        {
            StatusCode = statusCode;
            Failure = failure;
        }

        /// <summary>The HTTP status of the check; 0 when no answer came (a timeout).</summary>
        public int StatusCode { get; }

        /// <summary>The error the answer stands for when it was not a success (the token was still not refused).</summary>
        public SecuApiException? Failure { get; }
    }
}
