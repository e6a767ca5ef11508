using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SecuConnect.Core
{
    /// <summary>
    /// A request body that records whether it was written whole. A connection that breaks before then cannot have
    /// delivered the request (the server reads the whole body first), so the attempt had no effect; one that breaks
    /// after it may have.
    /// </summary>
    internal sealed class SentBody : HttpContent
    {
        /// <summary>
        /// Bodies from this many characters on ask the server to go ahead first (Expect: 100-continue): a server that
        /// refuses the size answers before the body is sent, instead of closing the connection while it arrives.
        /// Customers are far smaller; the sockets' buffers take smaller bodies whole, so no answer can be lost to them.
        /// </summary>
        public const int ExpectContinueFrom = 16 * 1024;

        private readonly HttpContent _inner;
        private int _complete;

        public SentBody(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        /// <summary>True once the whole body was handed to the connection.</summary>
        public bool Complete => Volatile.Read(ref _complete) != 0;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext context)
        {
            await _inner.CopyToAsync(stream).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
            Interlocked.Exchange(ref _complete, 1);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>The connection broke while the body was being written (see <see cref="SentBody"/>).</summary>
    internal sealed class BodyNotSentException : Exception
    {
        public BodyNotSentException(Exception inner) : base(inner.Message, inner) { }
    }
}
