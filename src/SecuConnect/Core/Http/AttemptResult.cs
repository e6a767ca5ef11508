using System;
using System.Net.Http.Headers;

namespace SecuConnect.Core
{
    /// <summary>What one attempt of a request came to: an answer (a value, or an error answer) or a failure without one.</summary>
    internal sealed class AttemptResult<T>
    {
        /// <summary>The HTTP status; 0 when no answer came.</summary>
        public int Status { get; set; }

        /// <summary>What the request's reader made of a successful answer.</summary>
        public T? Value { get; set; }

        /// <summary>A successful answer the reader could not read.</summary>
        public Newtonsoft.Json.JsonException? ReadError { get; set; }

        /// <summary>An answer outside 2xx.</summary>
        public ErrorAnswer? Error { get; set; }

        public RetryConditionHeaderValue? RetryAfter { get; set; }

        /// <summary>The answer's headers, when the request kept them.</summary>
        public System.Collections.Generic.IDictionary<string, string[]>? Headers { get; set; }

        /// <summary>Why no answer came (timeout, not sent, lost after sending); null when one came.</summary>
        public FailureKind? Failure { get; set; }

        public Exception? FailureException { get; set; }

        public bool Succeeded => Failure == null && Error == null;
    }
}
