using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace SecuConnect.Core
{
    /// <summary>
    /// The one way an answer is read. A success is parsed from the response stream by the request's reader (a
    /// customer, a list page, a token) without a text copy; with Debug on, the bytes that reader consumed are also
    /// kept and logged, masked, so Debug shows exactly what was parsed. An error answer is read as text and its
    /// payload parsed once.
    /// </summary>
    internal static class ResponseReader
    {
        public static async Task<AttemptResult<T>> ReadAsync<T>(HttpResponseMessage response, ApiRequest<T> request, ApiLogQueue log)
        {
            int status = (int)response.StatusCode;
            var result = new AttemptResult<T> { Status = status, RetryAfter = response.Headers.RetryAfter };
            if (request.KeepResponseHeaders) result.Headers = ResponseHeaders.From(response);
            if (status < 200 || status > 299)
            {
                string? body = response.Content == null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (log.DebugEnabled && !string.IsNullOrEmpty(body)) log.Debug($"{status} body: " + LogMasker.MaskBody(body));
                result.Error = new ErrorAnswer(status, body);
                return result;
            }
            if (response.Content == null) return result;
            using (var content = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var copy = log.DebugEnabled ? new MemoryStream() : null)
            {
                Stream source = copy == null ? content : new CopyingStream(content, copy);
                try
                {
                    if (request.ReadBody != null) result.Value = request.ReadBody(source);
                    else source.CopyTo(Stream.Null);
                }
                catch (Exception ex) when (ex is JsonException || IsShapeFailure(ex))
                {
                    // Not JSON, or a value of the wrong type or size (a count beyond Int64): not the API's shape.
                    result.ReadError = ex as JsonException ?? new JsonSerializationException(ex.Message, ex);
                }
                if (copy != null && copy.Length > 0)
                    log.Debug($"{status} body: " + LogMasker.MaskBody(Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length)));
            }
            return result;
        }

        private static bool IsShapeFailure(Exception ex) =>
            ex is OverflowException || ex is InvalidCastException || ex is FormatException || ex is ArgumentException;

        /// <summary>A read-only stream that copies what is read from it, for Debug.</summary>
        private sealed class CopyingStream : Stream
        {
            private readonly Stream _source;
            private readonly Stream _copy;

            public CopyingStream(Stream source, Stream copy)
            {
                _source = source;
                _copy = copy;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = _source.Read(buffer, offset, count);
                _copy.Write(buffer, offset, n);
                return n;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
