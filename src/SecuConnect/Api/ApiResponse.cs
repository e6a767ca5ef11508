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
    }
}
