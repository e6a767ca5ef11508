using System;

namespace SecuConnect.Core
{
    /// <summary>
    /// What the API and the request said about one failure: status, the API's exception name, code, details, user
    /// text and supportId, the method and URL. Immutable; <see cref="With"/> gives a copy with some of them changed, so
    /// an error re-worded for its caller keeps every detail without copying them one by one.
    /// </summary>
    internal sealed class ErrorInfo
    {
        public static readonly ErrorInfo Empty = new ErrorInfo();

        public int? StatusCode { get; private set; }
        public string? Error { get; private set; }
        public string? Code { get; private set; }
        public string? Details { get; private set; }
        public string? ErrorUser { get; private set; }
        public string? SupportId { get; private set; }
        public string? Method { get; private set; }
        public Uri? RequestUri { get; private set; }

        /// <summary>A copy with the given values changed (null or unset: kept).</summary>
        public ErrorInfo With(int? statusCode = null, string? error = null, string? code = null, string? details = null,
            string? errorUser = null, string? supportId = null, string? method = null, Uri? requestUri = null)
        {
            var copy = (ErrorInfo)MemberwiseClone();
            if (statusCode.HasValue) copy.StatusCode = statusCode;
            if (error != null) copy.Error = error;
            if (code != null) copy.Code = code;
            if (details != null) copy.Details = details;
            if (errorUser != null) copy.ErrorUser = errorUser;
            if (supportId != null) copy.SupportId = supportId;
            if (method != null) copy.Method = method;
            if (requestUri != null) copy.RequestUri = requestUri;
            return copy;
        }

        /// <summary>The details of an error answer: its status and the API's payload.</summary>
        public static ErrorInfo Of(ErrorAnswer answer, string? details = null)
        {
            var payload = answer?.Payload;
            return Empty.With(answer?.Status, payload?.Error, payload?.CodeText, details, payload?.ErrorUser, payload?.SupportId);
        }

        /// <summary>These details for <paramref name="request"/>: its method and URL.</summary>
        public ErrorInfo For(ApiRequest request) => With(method: request.Method.Method, requestUri: request.Uri);
    }
}
