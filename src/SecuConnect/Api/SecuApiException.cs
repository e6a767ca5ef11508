using System;

namespace SecuConnect.Api
{
    /// <summary>
    /// A failed API call with everything a user needs to act on it: HTTP status, the API's exception name and
    /// code, its details and the supportId for the help desk. Never carries a secret or a token.
    /// </summary>
    public sealed class SecuApiException : Exception
    {
        public SecuApiException(SecuErrorKind kind, string errorId, string message, Exception inner = null)
            : base(message, inner)
        {
            Kind = kind;
            ErrorId = errorId;
        }

        public SecuErrorKind Kind { get; }

        /// <summary>The API's exception name when it gave one, else the module's own name (NotConnected, Timeout, ...).</summary>
        public string ErrorId { get; }

        public int? StatusCode { get; set; }
        public string Error { get; set; }
        public string Code { get; set; }
        public string Details { get; set; }
        public string ErrorUser { get; set; }
        public string SupportId { get; set; }
        public string Method { get; set; }
        public Uri RequestUri { get; set; }

        /// <summary>True when the request never left the machine: the connection was refused or the host name did not resolve.</summary>
        public bool NotSent { get; set; }

        /// <summary>Failures of the session rather than of one item: the pipeline cannot go on.</summary>
        public bool IsSessionFailure =>
            Kind == SecuErrorKind.NotConnected || Kind == SecuErrorKind.AuthenticationRejected || Kind == SecuErrorKind.AuthenticationFailed;
    }
}
