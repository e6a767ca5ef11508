namespace SecuConnect.Api
{
    public sealed class ApiResponse
    {
        public ApiResponse(int statusCode, string body)
        {
            StatusCode = statusCode;
            Body = body;
        }

        public int StatusCode { get; }
        public string Body { get; }

        /// <summary>A DELETE that got 404 after an earlier attempt may have reached the server: it counts as done.</summary>
        public bool AlreadyGone { get; set; }

        /// <summary>True when <see cref="ApiRequest.ReadBody"/> read the answer; <see cref="Body"/> is then null.</summary>
        internal bool IsRead { get; set; }

        /// <summary>What <see cref="ApiRequest.ReadBody"/> returned.</summary>
        internal object Value { get; set; }

        /// <summary>The JSON error <see cref="ApiRequest.ReadBody"/> met, if any.</summary>
        internal Newtonsoft.Json.JsonException ReadError { get; set; }
    }
}
