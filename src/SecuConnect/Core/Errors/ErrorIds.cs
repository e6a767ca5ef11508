namespace SecuConnect.Core
{
    /// <summary>
    /// Every ErrorId the module writes itself, and the API's exception names it falls back to when an answer names none.
    /// docs/errors.md lists each with its category and meaning; a unit test holds the table and this class together, so
    /// an id is added here, used by its constant, and documented there.
    /// </summary>
    internal static class ErrorIds
    {
        // The session and the connection.
        public const string NotConnected = "NotConnected";
        public const string InvalidCredential = "InvalidCredential";
        public const string InvalidAccessToken = "InvalidAccessToken";
        public const string InvalidBaseUri = "InvalidBaseUri";
        public const string TokenEndpointNotFound = "TokenEndpointNotFound";
        public const string UnencryptedConnection = "UnencryptedConnection";
        public const string InvalidProxy = "InvalidProxy";
        public const string ConflictingProxyCredential = "ConflictingProxyCredential";
        public const string AuthenticationFailed = "AuthenticationFailed";
        public const string InvalidTokenResponse = "InvalidTokenResponse";

        // Requests and their outcomes.
        public const string OutcomeUnknown = "OutcomeUnknown";
        public const string RateLimited = "RateLimited";
        public const string ServiceUnavailable = "ServiceUnavailable";
        public const string Timeout = "Timeout";
        public const string InvalidResponse = "InvalidResponse";
        public const string UnexpectedError = "UnexpectedError";

        /// <summary>Followed by the status (HttpError405): an answer outside 2xx that the API did not name and no rule covers.</summary>
        public const string HttpErrorPrefix = "HttpError";

        // Bulk runs.
        public const string NotAttempted = "NotAttempted";
        public const string ConcurrentChange = "ConcurrentChange";

        // Customer input, checked before sending.
        public const string InvalidCustomerId = "InvalidCustomerId";
        public const string InvalidDateOfBirth = "InvalidDateOfBirth";
        public const string InvalidContact = "InvalidContact";
        public const string NoCustomerFields = "NoCustomerFields";
        public const string InvalidClearField = "InvalidClearField";
        public const string ConflictingFieldValue = "ConflictingFieldValue";
        public const string NameNotSplit = "NameNotSplit";
        public const string InvalidCharacters = "InvalidCharacters";
        public const string InvalidCountry = "InvalidCountry";
        public const string UnreadableProperty = "UnreadableProperty";

        // Payment container input, checked before sending.
        public const string InvalidContainerId = "InvalidContainerId";
        public const string InvalidIban = "InvalidIban";
        public const string InvalidBic = "InvalidBic";
        public const string IbanNotChangeable = "IbanNotChangeable";
        public const string MaskedContainer = "MaskedContainer";
        public const string ConflictingCustomer = "ConflictingCustomer";

        // Get-SecuCustomer's listing parameters.
        public const string PagingWithId = "PagingWithId";
        public const string InvalidFilter = "InvalidFilter";
        public const string InvalidSort = "InvalidSort";
        public const string InvalidProperty = "InvalidProperty";
        public const string QueryTooLong = "QueryTooLong";

        // Invoke-SecuConnectRequest.
        public const string ForeignUrl = "ForeignUrl";
        public const string InvalidPath = "InvalidPath";
        public const string InvalidMethod = "InvalidMethod";
        public const string InvalidHeader = "InvalidHeader";
        public const string InvalidBody = "InvalidBody";
        public const string InvalidQuery = "InvalidQuery";
        public const string AllNeedsGet = "AllNeedsGet";
        public const string InvalidOutFile = "InvalidOutFile";
        public const string OutFileWriteFailed = "OutFileWriteFailed";

        // The API's own exception names, used when an answer of that kind names none.
        public const string ProductNotAllowedException = "ProductNotAllowedException";
        public const string ProductNotFoundException = "ProductNotFoundException";
        public const string ProductFormatException = "ProductFormatException";
    }
}
