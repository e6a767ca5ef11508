using System;
using System.Management.Automation;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>ErrorRecords with stable ErrorIds and fitting categories, so scripts can catch and act on them.</summary>
    internal static class Errors
    {
        public static ErrorCategory Category(SecuErrorKind kind)
        {
            switch (kind)
            {
                case SecuErrorKind.NotConnected: return ErrorCategory.ConnectionError;
                case SecuErrorKind.AuthenticationRejected:
                case SecuErrorKind.AuthenticationFailed: return ErrorCategory.AuthenticationError;
                case SecuErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case SecuErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case SecuErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case SecuErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case SecuErrorKind.OutcomeUnknown: return ErrorCategory.OperationStopped;
                case SecuErrorKind.RateLimited: return ErrorCategory.LimitsExceeded;
                case SecuErrorKind.Unavailable: return ErrorCategory.ResourceUnavailable;
                case SecuErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case SecuErrorKind.InvalidResponse: return ErrorCategory.InvalidResult;
                case SecuErrorKind.NotAttempted: return ErrorCategory.OperationStopped;
                case SecuErrorKind.Conflict: return ErrorCategory.InvalidOperation;
                default: return ErrorCategory.InvalidOperation;
            }
        }

        /// <summary>
        /// What to do about an error of this kind; <paramref name="noun"/> and <paramref name="readCommand"/> name the
        /// command's resource ("customer", "Get-SecuCustomer"), null for a command of no one resource.
        /// </summary>
        public static string RecommendedAction(SecuErrorKind kind, string? noun = null, string? readCommand = null)
        {
            switch (kind)
            {
                case SecuErrorKind.NotConnected: return "Run Connect-SecuConnect first.";
                case SecuErrorKind.AuthenticationRejected: return "Check the client id and secret, then run Connect-SecuConnect again.";
                case SecuErrorKind.AuthenticationFailed: return "Run Connect-SecuConnect again with valid credentials.";
                case SecuErrorKind.PermissionDenied: return "Check that the API client may perform this action.";
                case SecuErrorKind.NotFound: return readCommand == null ? "Check the id and the path." : $"Check the id with {readCommand}.";
                case SecuErrorKind.InvalidData: return "Correct the field named in the message and run the command again for this item.";
                case SecuErrorKind.InvalidArgument: return "Correct the value and run the command again.";
                case SecuErrorKind.OutcomeUnknown: return readCommand == null ? "Read the resource to see whether the request took effect before sending it again." : $"Search with {readCommand} -Filter before creating this {noun} again.";
                case SecuErrorKind.RateLimited: return "Wait, then run the command again for this item; a higher -MaximumRetryCount on Connect-SecuConnect waits longer.";
                case SecuErrorKind.Unavailable:
                case SecuErrorKind.Timeout: return "Run the command again for this item; raise -TimeoutSec or -MaximumRetryCount on Connect-SecuConnect if it persists.";
                case SecuErrorKind.NotAttempted: return "Run the command again for this item.";
                case SecuErrorKind.Conflict: return $"Read the {noun ?? "record"} again ({readCommand ?? "a new read"} or a new export) and redo your edit, or add -Force to write the record as it is.";
                case SecuErrorKind.InvalidResponse: return "Check with Get-SecuConnectContext that the base URI is the SecuConnect API, then run the command again with -Debug to see the answer.";
                default: return "Run the command again with -Debug to see the request and the answer; give the supportId, if any, to the API's support.";
            }
        }

        /// <param name="noun">the command's resource ("customer"), null for a command of no one resource</param>
        /// <param name="readCommand">the command that reads that resource ("Get-SecuCustomer"), null likewise</param>
        public static ErrorRecord FromApi(SecuApiException ex, object? target, string? noun = null, string? readCommand = null)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, Category(ex.Kind), target);
            record.ErrorDetails = new ErrorDetails(DetailsMessage(ex)) { RecommendedAction = RecommendedAction(ex.Kind, noun, readCommand) };
            // An update or removal with an unknown outcome is checked by id, not searched for like a create.
            if (ex.Kind == SecuErrorKind.OutcomeUnknown && ex.Method != null && ex.Method != "POST" && readCommand != null)
                record.ErrorDetails.RecommendedAction = $"Check the {noun} with {readCommand} -Id, then run the command again for this item if needed.";
            return record;
        }

        /// <summary>
        /// The message PowerShell shows (status, URL and advice included) with what the API gave that it lacks: the
        /// API's error details, its text for users and the supportId to quote to the API's support.
        /// </summary>
        internal static string DetailsMessage(SecuApiException ex)
        {
            var sb = new System.Text.StringBuilder(ex.Message);
            if (ex.Error != null && !Contains(ex.Message, ex.Details)) sb.Append(" Details: ").Append(ex.Details.TrimEnd('.')).Append('.');
            if (!Contains(ex.Message, ex.ErrorUser)) sb.Append(" The API's message for users: ").Append(ex.ErrorUser.TrimEnd('.')).Append('.');
            if (!Contains(ex.Message, ex.SupportId)) sb.Append(" supportId: ").Append(ex.SupportId).Append('.');
            return sb.ToString();
        }

        private static bool Contains(string message, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? part) =>
            string.IsNullOrEmpty(part) || message.IndexOf(part, StringComparison.Ordinal) >= 0;

        public static ErrorRecord NotConnected(string message)
        {
            var ex = new SecuApiException(SecuErrorKind.NotConnected, ErrorIds.NotConnected, message);
            return new ErrorRecord(ex, ErrorIds.NotConnected, ErrorCategory.ConnectionError, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = RecommendedAction(SecuErrorKind.NotConnected) },
            };
        }

        public static ErrorRecord InvalidDateOfBirth(object value, object? target)
        {
            string shown = value == null ? "$null" : "'" + value + "'";
            string message = $"Cannot use {shown} as -DateOfBirth: expected a [datetime] or a date such as 1991-02-03 (yyyy-MM-dd) or a date in the current culture's format. No request was sent.";
            return Argument(ErrorIds.InvalidDateOfBirth, message, target);
        }

        public const string CountryAdvice = "Write the country as its two-letter code (DE, AT, CH) in the file, or give -Country, then pipe the record again.";

        public static ErrorRecord Argument(string errorId, string message, object? target, string? recommendedAction = null)
        {
            var ex = new ArgumentException(message);
            return new ErrorRecord(ex, errorId, ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = recommendedAction ?? "Correct the value the message names, then run the command again (for a piped record, fix it and pipe it again).",
                },
            };
        }
    }
}
