namespace SecuConnect.Api
{
    /// <summary>A successful answer: its status and what the request's reader made of its body.</summary>
    internal sealed class ApiResponse<T>
    {
        public ApiResponse(int statusCode, T value)
        {
            StatusCode = statusCode;
            Value = value;
        }

        public int StatusCode { get; }

        /// <summary>What <see cref="ApiRequest{T}.ReadBody"/> returned; the default without a reader.</summary>
        public T Value { get; }

        /// <summary>A DELETE that got 404 after an earlier attempt may have reached the server: it counts as done.</summary>
        public bool AlreadyGone { get; set; }
    }
}
