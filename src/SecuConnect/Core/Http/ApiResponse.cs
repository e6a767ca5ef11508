using System.Collections.Generic;

namespace SecuConnect.Core
{
    /// <summary>A successful answer as its caller may keep it without its body: status and headers.</summary>
    internal abstract class ApiResponse
    {
        protected ApiResponse(int statusCode, IDictionary<string, string[]>? headers)
        {
            StatusCode = statusCode;
            Headers = headers;
        }

        public int StatusCode { get; }

        /// <summary>The answer's headers, when the request kept them (<see cref="ApiRequest.KeepResponseHeaders"/>).</summary>
        public IDictionary<string, string[]>? Headers { get; }

        /// <summary>A DELETE that got 404 after an earlier attempt may have reached the server: it counts as done.</summary>
        public bool AlreadyGone { get; set; }
    }

    /// <summary>A successful answer: its status and what the request's reader made of its body.</summary>
    internal sealed class ApiResponse<T> : ApiResponse
    {
        public ApiResponse(int statusCode, T? value, IDictionary<string, string[]>? headers = null)
            : base(statusCode, headers)
        {
            Value = value;
        }

        /// <summary>What <see cref="ApiRequest{T}.ReadBody"/> returned; the default without a reader.</summary>
        public T? Value { get; }
    }
}
