namespace SecuConnect.Api
{
    /// <summary>How a request may be retried.</summary>
    internal enum RequestKind
    {
        /// <summary>GET, PUT, DELETE: repeating them is harmless.</summary>
        Idempotent,
        /// <summary>A customer POST: the API accepts duplicates, so it is only repeated when the server did not process it.</summary>
        Create,
        /// <summary>The token request: issuing a token twice is harmless.</summary>
        Token,
    }
}
