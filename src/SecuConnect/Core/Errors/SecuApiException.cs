using System;

using SecuConnect.Core;

namespace SecuConnect
{
    /// <summary>
    /// A failed API call with everything a user needs to act on it: HTTP status, the API's exception name and
    /// code, its details and the supportId for the help desk. Never carries a secret or a token.
    /// </summary>
    public sealed class SecuApiException : Exception
    {
        public SecuApiException(SecuErrorKind kind, string errorId, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            ErrorId = errorId;
        }

        internal SecuApiException(SecuErrorKind kind, string errorId, string message, Exception? inner, ErrorInfo info)
            : this(kind, errorId, message, inner)
        {
            Info = info ?? ErrorInfo.Empty;
        }

        /// <summary>The failure's details as one value; the properties below read and change it.</summary>
        internal ErrorInfo Info
        {
            get => _info;
            private set => _info = value.RequestUri == null ? value : value.With(requestUri: Masked(value.RequestUri));
        }

        private ErrorInfo _info = ErrorInfo.Empty;

        public SecuErrorKind Kind { get; }

        /// <summary>The API's exception name when it gave one, else the module's own name (NotConnected, Timeout, ...).</summary>
        public string ErrorId { get; }

        public int? StatusCode { get => Info.StatusCode; set => Info = Info.With(statusCode: value); }
        public string? Error { get => Info.Error; set => Info = Info.With(error: value); }
        public string? Code { get => Info.Code; set => Info = Info.With(code: value); }
        public string? Details { get => Info.Details; set => Info = Info.With(details: value); }
        public string? ErrorUser { get => Info.ErrorUser; set => Info = Info.With(errorUser: value); }
        public string? SupportId { get => Info.SupportId; set => Info = Info.With(supportId: value); }
        public string? Method { get => Info.Method; set => Info = Info.With(method: value); }

        /// <summary>The request's URL, with query values that may hold personal data (a filter on an email) masked, as in the message.</summary>
        public Uri? RequestUri { get => Info.RequestUri; set => Info = Info.With(requestUri: value); }

        /// <summary>True when a retry was skipped because the connection's retry budget was empty.</summary>
        public bool RetryBudgetExhausted { get; set; }

        /// <summary>A copy with <paramref name="note"/> added to the message.</summary>
        internal SecuApiException WithNote(string note) =>
            new SecuApiException(Kind, ErrorId, Message.TrimEnd() + " " + note, InnerException, Info)
            {
                RetryBudgetExhausted = RetryBudgetExhausted, NotSent = NotSent, ChangeMayHaveBeenApplied = ChangeMayHaveBeenApplied,
                IsSecurityRefusal = IsSecurityRefusal, IsAboutAddress = IsAboutAddress,
            };

        /// <summary>
        /// An exception the Api did not expect (a bug, or a runtime limit), as one item's error: the record fails with
        /// a clear message and the others go on. Exceptions that end the session (a closed connection) are not wrapped.
        /// </summary>
        public static SecuApiException Unexpected(Exception exception)
        {
            if (exception is SecuApiException api) return api;
            var inner = exception is AggregateException agg && agg.InnerExceptions.Count == 1 ? agg.InnerException : exception;
            if (inner is SecuApiException innerApi) return innerApi;
            return new SecuApiException(SecuErrorKind.Other, ErrorIds.UnexpectedError,
                $"The request failed unexpectedly ({inner.GetType().Name}: {inner.Message}). Other records are not affected; " +
                "run the command again for this item, and report the problem if it persists.", inner);
        }

        /// <summary>True for exceptions that are not an item's failure: a stop, or the process running out of memory.</summary>
        public static bool IsFatal(Exception exception) =>
            exception is OperationCanceledException || exception is OutOfMemoryException || exception is StackOverflowException
            || exception is System.Threading.ThreadAbortException;

        private static Uri? Masked(Uri uri)
        {
            if (uri == null || !uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.Query)) return uri;
            return Uri.TryCreate(LogMasker.MaskUrl(uri), UriKind.Absolute, out var masked) ? masked : null;
        }

        /// <summary>
        /// True for a failed PUT or DELETE whose request may have reached the server (its answer was lost, timed out, or
        /// was 500, 502 or 504): a read can tell whether the change was made.
        /// </summary>
        internal bool ChangeMayHaveBeenApplied { get; set; }

        /// <summary>
        /// A refusal to protect the user (credentials over clear text, a password in a URI, a URL outside the API): an
        /// ErrorRecord shows it as a SecurityError.
        /// </summary>
        internal bool IsSecurityRefusal { get; set; }

        /// <summary>The address given (base URI, host) is wrong, rather than the credentials or the data.</summary>
        internal bool IsAboutAddress { get; set; }

        /// <summary>True when the request never left the machine: the connection was refused or the host name did not resolve.</summary>
        public bool NotSent { get; set; }

        /// <summary>Failures of the session rather than of one item: the pipeline cannot go on.</summary>
        public bool IsSessionFailure =>
            Kind == SecuErrorKind.NotConnected || Kind == SecuErrorKind.AuthenticationRejected || Kind == SecuErrorKind.AuthenticationFailed;
    }
}
