namespace SecuConnect.Api
{
    /// <summary>A successful answer: its status and what the request's reader made of its body.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(int statusCode, object value, System.Collections.Generic.IDictionary<string, string[]> headers = null)
        {
            StatusCode = statusCode;
            Value = value;
            Headers = headers;
        }

        /// <summary>The answer's headers, when the request kept them (<see cref="ApiRequest.KeepResponseHeaders"/>).</summary>
        public System.Collections.Generic.IDictionary<string, string[]> Headers { get; }

        public int StatusCode { get; }

        /// <summary>What <see cref="ApiRequest.ReadBody"/> returned; null without a reader.</summary>
        public object Value { get; }

        /// <summary>A DELETE that got 404 after an earlier attempt may have reached the server: it counts as done.</summary>
        public bool AlreadyGone { get; set; }
    }
}
