namespace SecuConnect
{
    /// <summary>What went wrong, independent of PowerShell; the cmdlets map it to an ErrorCategory.</summary>
    public enum SecuErrorKind
    {
        Other,
        NotConnected,
        /// <summary>The token endpoint rejected the credentials.</summary>
        AuthenticationRejected,
        /// <summary>The API refused the token even after a fresh one (or a caller-supplied token expired).</summary>
        AuthenticationFailed,
        PermissionDenied,
        NotFound,
        InvalidData,
        InvalidArgument,
        OutcomeUnknown,
        RateLimited,
        Unavailable,
        Timeout,
        InvalidResponse,
        /// <summary>The request was never sent: the command was ending, or stopped sending because the API was unavailable.</summary>
        NotAttempted,
        /// <summary>The record was read before the server's last change and cannot say what the user edited: nothing was sent.</summary>
        Conflict,
    }
}
