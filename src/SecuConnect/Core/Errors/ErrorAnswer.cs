using SecuConnect.Core;

namespace SecuConnect.Core
{
    /// <summary>An answer outside 2xx, its body parsed once: the API's payload, or the first characters of a non-JSON body.</summary>
    internal sealed class ErrorAnswer
    {
        public ErrorAnswer(int status, string? body)
        {
            Status = status;
            Body = body;
            Payload = ErrorMapper.ParsePayload(body, out string? plain);
            PlainText = plain;
        }

        public int Status { get; }
        public string? Body { get; }
        public ProductExceptionPayload? Payload { get; }
        public string? PlainText { get; }
    }
}
