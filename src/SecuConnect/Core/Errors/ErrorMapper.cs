using System;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;

namespace SecuConnect.Core
{
    /// <summary>
    /// Turns an HTTP failure into a <see cref="SecuApiException"/> with a stable ErrorId. Messages name the request's
    /// resource as its <see cref="ResourceDescriptor"/> words it ("Customer PCU_… was not found"); a request on any
    /// path (Invoke-SecuConnectRequest) is named by its method and URL.
    /// </summary>
    internal static class ErrorMapper
    {
        public const int MaxPlainBodyLength = 200;
        private static readonly Regex SafeId = new Regex("^[A-Za-z][A-Za-z0-9_.-]{0,79}$", RegexOptions.CultureInvariant);

        /// <summary>Reads an error body: the API's payload or the OAuth shape; a non-JSON body keeps its first 200 characters.</summary>
        public static ProductExceptionPayload? ParsePayload(string? body, out string? plainText)
        {
            plainText = null;
            if (body == null || string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                if (SecuJson.Parse(body) is JObject obj)
                {
                    var payload = SecuJson.ToObject<ProductExceptionPayload>(obj);
                    if (payload != null && (payload.Error != null || payload.ErrorDetails != null || payload.ErrorDescription != null || payload.Code != null)) return payload;
                }
            }
            catch (JsonException)
            {
                // Not JSON: a proxy's HTML page or plain text.
            }
            string text = body.Trim();
            plainText = text.Length > MaxPlainBodyLength ? text.Substring(0, MaxPlainBodyLength) : text;
            return null;
        }

        /// <summary>True for an answer that means "the token is not valid": 401, or 403 with code 2003.</summary>
        public static bool IsTokenRejected(int status, ProductExceptionPayload? payload)
        {
            if (status == 401) return true;
            if (status != 403 || payload == null) return false;
            return payload.CodeText == "2003" ||
                   string.Equals(payload.ErrorDetails, "Valid auth token required", StringComparison.OrdinalIgnoreCase);
        }

        public static SecuApiException FromResponse(ApiRequest request, int status, string? body) =>
            FromResponse(request, new ErrorAnswer(status, body));

        public static SecuApiException FromResponse(ApiRequest request, ErrorAnswer answer)
        {
            int status = answer.Status;
            var payload = answer.Payload;
            string? details = payload?.ErrorDetails ?? payload?.ErrorDescription ?? answer.PlainText;
            // Nothing at {BaseUri}/oauth/token: a wrong address, not wrong credentials.
            if (request.Kind == RequestKind.Token && status == 404) return WrongBaseUri(request, status, payload, details);
            string? name = payload?.Error != null && SafeId.IsMatch(payload.Error) ? payload.Error : null;
            var (kind, errorId, summary) = request.Kind == RequestKind.Token ? ClassifyToken(status, name) : ClassifyApi(request, status, payload, name);
            return new SecuApiException(kind, errorId, Compose(summary, request, status, payload, details), null,
                ErrorInfo.Of(answer, details).For(request));
        }

        /// <summary>How a message names the request's item: "Customer PCU_…" (or "Item …" for a request without a resource).</summary>
        private static string Item(ApiRequest request) => (request.Resource?.Title ?? "Item") + " " + request.TargetId;

        /// <summary>The kind, ErrorId (the API's exception name where it gave one) and summary of a token endpoint's refusal.</summary>
        private static (SecuErrorKind, string, string) ClassifyToken(int status, string? name)
        {
            if (status == 429) return (SecuErrorKind.RateLimited, ErrorIds.RateLimited, "The token endpoint is not available");
            if (status >= 500) return (SecuErrorKind.Unavailable, name ?? ErrorIds.ServiceUnavailable, "The token endpoint is not available");
            return (SecuErrorKind.AuthenticationRejected, name ?? ErrorIds.AuthenticationFailed, "The token endpoint rejected the client credentials");
        }

        /// <summary>The kind, ErrorId and summary of an API answer outside 2xx, in order: 429, a refused token, 403, 404, refused data, 5xx.</summary>
        private static (SecuErrorKind, string, string) ClassifyApi(ApiRequest request, int status, ProductExceptionPayload? payload, string? name)
        {
            if (status == 429) return (SecuErrorKind.RateLimited, ErrorIds.RateLimited, "The API is throttling requests (429 Too Many Requests)");
            if (IsTokenRejected(status, payload)) return (SecuErrorKind.AuthenticationFailed, ErrorIds.ProductNotAllowedException, "The API rejected the access token");
            // A refused DELETE names an item the API user could see: the API lacks a right or a precondition (the
            // server's details say which), never "not found".
            if (status == 403 && request.ById && request.Method == System.Net.Http.HttpMethod.Delete)
                return (SecuErrorKind.PermissionDenied, name ?? ErrorIds.ProductNotAllowedException,
                    $"{Item(request)} was not removed: the API refused it, so this API user lacks the rights to remove it, or it cannot be removed yet");
            if (status == 403)
                return request.ById
                    ? (SecuErrorKind.NotFound, name ?? ErrorIds.ProductNotAllowedException, $"{Item(request)} was not found or is not accessible")
                    : (SecuErrorKind.PermissionDenied, name ?? ErrorIds.ProductNotAllowedException, "The API does not allow this action");
            if (status == 404)
                return (SecuErrorKind.NotFound, name ?? ErrorIds.ProductNotFoundException, request.TargetId != null ? $"{Item(request)} was not found" : "Not found");
            if (status == 400 || status == 413 || status == 422)
                return (SecuErrorKind.InvalidData, name ?? ErrorIds.ProductFormatException, "The API rejected the request data");
            if (status >= 500) return (SecuErrorKind.Unavailable, name ?? ErrorIds.ServiceUnavailable, $"The API failed with HTTP {status}");
            return (SecuErrorKind.Other, name ?? ErrorIds.HttpErrorPrefix + status, $"The API answered HTTP {status}");
        }

        /// <summary>
        /// The token endpoint answered 404: the base URI does not point at a SecuConnect host root (a path too many,
        /// a typo, another service on that port).
        /// </summary>
        private static SecuApiException WrongBaseUri(ApiRequest request, int status, ProductExceptionPayload? payload, string? details)
        {
            string root = request.Uri.GetLeftPart(UriPartial.Path);
            if (root.EndsWith("/oauth/token", StringComparison.OrdinalIgnoreCase)) root = root.Substring(0, root.Length - "/oauth/token".Length);
            string summary = $"The base URI '{root}' looks wrong: there is no token endpoint at {LogMasker.MaskUrl(request.Uri)}. " +
                             "Connect-SecuConnect adds /oauth/token and /api/v2 to -BaseUri, so give the host root, such as " +
                             "https://connect.secucard.com or http://127.0.0.1:5080 for a local sandbox";
            return new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.TokenEndpointNotFound, Compose(summary, request, status, payload, null), null,
                ErrorInfo.Empty.With(status, payload?.Error, payload?.CodeText, details ?? "Not found", supportId: payload?.SupportId).For(request))
            { IsAboutAddress = true };
        }

        /// <summary>
        /// A request that never left the machine (connection refused, unknown host) and was not retried: names the
        /// host and port tried.
        /// </summary>
        public static SecuApiException Unreachable(ApiRequest request, Exception inner)
        {
            string reason = Innermost(inner);
            var uri = request.Uri;
            return new SecuApiException(SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable,
                $"Cannot reach {uri.Host}:{uri.Port} ({reason.TrimEnd('.')}) for {request.Method.Method} {LogMasker.MaskUrl(uri)}; " +
                "nothing answers at that address, or the host name does not resolve (1 attempt, not retried).", inner)
            {
                Method = request.Method.Method,
                RequestUri = uri,
                Details = reason,
                NotSent = true,
            };
        }

        /// <summary>
        /// A by-id GET answered 2xx without its item (older API versions answered 200 {} for unknown ids): not found,
        /// never an empty item.
        /// </summary>
        public static SecuApiException EmptyItem(ApiRequest request, int status)
        {
            string name = request.Resource?.DisplayName ?? "item";
            string summary = $"{Item(request)} was not found: the API answered HTTP {status} without a {name}";
            return new SecuApiException(SecuErrorKind.NotFound, ErrorIds.ProductNotFoundException,
                $"{summary}. ({request.Method.Method} {LogMasker.MaskUrl(request.Uri)} -> HTTP {status})", null,
                ErrorInfo.Empty.With(status, details: $"The answer held no {name}").For(request));
        }

        /// <summary>A successful answer that is not the API's shape (not JSON, or a value of the wrong type).</summary>
        public static SecuApiException InvalidAnswer(ApiRequest request, int status, Exception inner)
        {
            bool token = request.Kind == RequestKind.Token;
            return new SecuApiException(SecuErrorKind.InvalidResponse, token ? ErrorIds.InvalidTokenResponse : ErrorIds.InvalidResponse,
                $"{request.Method.Method} {request.LogUrl} returned an answer that " +
                (inner is JsonReaderException ? "is not JSON" : "does not have the API's shape") + $" (HTTP {status}): {inner.Message}", inner)
            { StatusCode = status, Method = request.Method.Method, RequestUri = request.Uri };
        }

        /// <summary>
        /// The one rule that comes first: a non-idempotent request (a create) that may have reached the server is
        /// OutcomeUnknown, worded for its resource, or for its method and URL when it has none.
        /// </summary>
        public static SecuApiException OutcomeUnknown(ApiRequest request, string reason, ErrorAnswer? answer, Exception? inner)
        {
            var payload = answer?.Payload;
            var info = ErrorInfo.Empty.With(answer?.Status, payload?.Error, payload?.CodeText, payload?.ErrorDetails ?? reason,
                supportId: payload?.SupportId).For(request);
            var resource = request.Resource;
            string message = resource != null
                ? $"The {resource.DisplayName} may or may not have been created: {reason}. The request was not re-sent, " +
                  $"as the API accepts duplicates; check with {resource.GetCommand} before creating it again."
                : $"{request.Method.Method} {request.LogUrl} may or may not have taken effect: {AnyRequestReason(answer, inner)}. " +
                  $"The request was not re-sent, as repeating a {request.Method.Method} could apply it twice; " +
                  "check with a GET before sending it again." + (info.SupportId != null ? $" (supportId {info.SupportId})" : string.Empty);
            return new SecuApiException(SecuErrorKind.OutcomeUnknown, ErrorIds.OutcomeUnknown, message, inner, info);
        }

        private static string AnyRequestReason(ErrorAnswer? answer, Exception? inner) =>
            answer != null ? $"the API answered HTTP {answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : inner is OperationCanceledException ? "no answer arrived in time"
            : "the connection was lost after sending";

        /// <summary>A PUT or DELETE that may have reached the server, whose outcome no read could settle.</summary>
        public static SecuApiException ChangeOutcomeUnknown(ApiRequest request, string past, string reason, SecuApiException uncertain)
        {
            string message = $"{Item(request)} may or may not have been {past}: {reason}. " +
                             $"Check it with {request.Resource?.GetCommand} -Id {request.TargetId} before running the command again for it.";
            var info = (uncertain?.Info ?? ErrorInfo.Empty).With(details: uncertain?.Details ?? reason).For(request);
            return new SecuApiException(SecuErrorKind.OutcomeUnknown, ErrorIds.OutcomeUnknown, message, uncertain, info);
        }

        public static SecuApiException Timeout(ApiRequest request, int timeoutSec, int attempts, Exception? inner)
        {
            return new SecuApiException(SecuErrorKind.Timeout, ErrorIds.Timeout,
                $"{request.Method.Method} {LogMasker.MaskUrl(request.Uri)} timed out after {timeoutSec} s ({Attempts(attempts)}).", inner,
                ErrorInfo.Empty.With(details: $"No answer within {timeoutSec} s").For(request));
        }

        public static SecuApiException Network(ApiRequest request, int attempts, Exception? inner)
        {
            string reason = Innermost(inner);
            return new SecuApiException(SecuErrorKind.Unavailable, ErrorIds.ServiceUnavailable,
                $"{request.Method.Method} {LogMasker.MaskUrl(request.Uri)} failed: {reason} ({Attempts(attempts)}).", inner,
                ErrorInfo.Empty.With(details: reason).For(request));
        }

        public static string Innermost(Exception? ex)
        {
            while (ex?.InnerException != null) ex = ex.InnerException;
            return ex?.Message ?? "connection failed";
        }

        private static string Attempts(int n) => n == 1 ? "1 attempt" : n + " attempts";

        private static string Compose(string summary, ApiRequest request, int status, ProductExceptionPayload? payload, string? details)
        {
            var sb = new StringBuilder(summary);
            if (details != null && details.Length > 0) sb.Append(": ").Append(details.TrimEnd('.'));
            sb.Append(". (").Append(request.Method.Method).Append(' ').Append(LogMasker.MaskUrl(request.Uri)).Append(" -> HTTP ").Append(status);
            if (payload?.Error != null) sb.Append(' ').Append(payload.Error);
            if (payload?.CodeText != null) sb.Append(", code ").Append(payload.CodeText);
            if (payload?.SupportId != null) sb.Append(", supportId ").Append(payload.SupportId);
            sb.Append(')');
            return sb.ToString();
        }
    }
}
