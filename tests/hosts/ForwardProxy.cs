using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SecuConnectTests
{
    /// <summary>
    /// A small HTTP forward proxy for tests: it takes absolute-form requests (GET http://host:port/path), records
    /// each target URL and whether it carried proxy credentials, and forwards it to one loopback upstream (the
    /// sandbox) with the Host header rewritten, one request per connection. With <see cref="RequiredAuthorization"/>
    /// set it answers 407 until a request carries that Proxy-Authorization value.
    /// </summary>
    public sealed class ForwardProxy : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly int _upstreamPort;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        public ForwardProxy(int upstreamPort)
        {
            _upstreamPort = upstreamPort;
            _listener.Start();
            Task.Run(AcceptLoop);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();
        public string RequiredAuthorization { get; set; }
        public int Challenges;

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (Exception) { return; }
                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(TcpClient client)
        {
            using (client)
            using (var stream = client.GetStream())
            {
                try
                {
                    string head = ReadHead(stream);
                    if (head == null) return;
                    string[] lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
                    string[] first = lines[0].Split(' ');
                    var target = new Uri(first[1]);
                    int length = 0;
                    string auth = null;
                    var forwarded = new StringBuilder();
                    forwarded.Append(first[0]).Append(' ').Append(target.PathAndQuery).Append(" HTTP/1.1\r\n");
                    for (int i = 1; i < lines.Length; i++)
                    {
                        if (lines[i].Length == 0) continue;
                        int colon = lines[i].IndexOf(':');
                        string name = lines[i].Substring(0, colon).Trim();
                        string value = lines[i].Substring(colon + 1).Trim();
                        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = int.Parse(value);
                        if (name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)) { auth = value; continue; }
                        if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase) ||
                            name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase)) continue;
                        forwarded.Append(lines[i]).Append("\r\n");
                    }
                    byte[] body = ReadExactly(stream, length);
                    if (!string.IsNullOrEmpty(RequiredAuthorization) && auth != RequiredAuthorization)
                    {
                        Interlocked.Increment(ref Challenges);
                        byte[] challenge = Encoding.ASCII.GetBytes("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        await stream.WriteAsync(challenge, 0, challenge.Length).ConfigureAwait(false);
                        return;
                    }
                    Requests.Enqueue(first[0] + " " + target.AbsoluteUri + (auth != null ? " (authenticated)" : string.Empty));
                    forwarded.Append("Host: 127.0.0.1:").Append(_upstreamPort).Append("\r\nConnection: close\r\n\r\n");
                    using (var upstream = new TcpClient())
                    {
                        await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort).ConfigureAwait(false);
                        using (var up = upstream.GetStream())
                        {
                            byte[] headBytes = Encoding.ASCII.GetBytes(forwarded.ToString());
                            await up.WriteAsync(headBytes, 0, headBytes.Length).ConfigureAwait(false);
                            await up.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
                            await up.CopyToAsync(stream).ConfigureAwait(false);
                        }
                    }
                }
                catch (Exception) { }
            }
        }

        private static string ReadHead(Stream stream)
        {
            var bytes = new MemoryStream();
            int matched = 0;
            while (matched < 4)
            {
                int b = stream.ReadByte();
                if (b < 0) return null;
                bytes.WriteByte((byte)b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            }
            return Encoding.ASCII.GetString(bytes.ToArray());
        }

        private static byte[] ReadExactly(Stream stream, int length)
        {
            var buffer = new byte[length];
            int read = 0;
            while (read < length)
            {
                int n = stream.Read(buffer, read, length - read);
                if (n <= 0) break;
                read += n;
            }
            return buffer;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
