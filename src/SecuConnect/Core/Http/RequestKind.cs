namespace SecuConnect.Core
{
    /// <summary>Whether a request may be repeated when its answer is lost (see <see cref="AnswerClassifier"/>).</summary>
    internal enum RequestKind
    {
        /// <summary>GET, PUT, DELETE: repeating them is harmless.</summary>
        Idempotent,
        /// <summary>POST, PATCH: the API accepts duplicates, so it is only repeated when the server did not process it.</summary>
        NonIdempotent,
        /// <summary>The token request: issuing a token twice is harmless.</summary>
        Token,
    }
}
