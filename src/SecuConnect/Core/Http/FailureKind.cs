namespace SecuConnect.Core
{
    /// <summary>How an attempt failed, as far as the client can tell.</summary>
    internal enum FailureKind
    {
        /// <summary>The server answered with a non-success status.</summary>
        Status,
        /// <summary>Name resolution or connect failed: the request never left the machine.</summary>
        NotSent,
        /// <summary>The connection broke while the request body was being written: the server never had it whole.</summary>
        BodyNotSent,
        /// <summary>The connection broke after the request may have been sent.</summary>
        LostAfterSending,
        /// <summary>No answer within the attempt's timeout.</summary>
        Timeout,
    }
}
