using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>
/// Hostile clients: many at once, slow ones and ones that vanish mid-request leave the sandbox serving and its
/// store consistent. Raw sockets reach the places HttpClient never goes (a body cut short, a stalled upload).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class RobustnessTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private const string CustomersPath = "/api/v2/Payment/Customers";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        await sandbox.TokenAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ManyConcurrentClientsEachOnItsOwnConnectionCreateEveryCustomerExactlyOnce()
    {
        const int clients = 32;
        const int createsPerClient = 4;
        var created = new ConcurrentBag<(string Id, string Forename)>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var workers = Enumerable.Range(0, clients).Select(n => Task.Run(async () =>
        {
            // One connection per client: the server sees 32 sockets, not one pooled connection.
            using var http = NewClient(maxConnections: 1);
            await go.Task;
            var token = await NewTokenAsync(http);
            for (var i = 0; i < createsPerClient; i++)
            {
                var forename = $"R{n}x{i}";
                var post = await SendAsync(http, HttpMethod.Post, CustomersPath, token, new { contact = new { forename, surname = "Load" } });
                Assert.True(post.StatusCode == 200, $"client {n} create {i}: {post}");
                var id = post.Json.GetProperty("id").GetString()!;
                created.Add((id, forename));

                var read = await SendAsync(http, HttpMethod.Get, CustomersPath + "/" + id, token);
                Assert.True(read.StatusCode == 200, $"client {n} read {id}: {read}");
                Assert.Equal(forename, Expect.At(read.Json, "contact.forename"));

                var page = await SendAsync(http, HttpMethod.Get, CustomersPath + "?count=5", token);
                Assert.True(page.StatusCode == 200, $"client {n} list: {page}");
                Assert.True(page.Json.GetProperty("count").GetInt32() >= 1, $"client {n} list after its create: {page}");
            }
        })).ToArray();
        go.SetResult();
        await Task.WhenAll(workers);

        Assert.Equal(clients * createsPerClient, created.Count);
        Assert.Equal(created.Count, created.Select(c => c.Id).Distinct().Count());
        var list = await sandbox.ListAsync("?count=1000");
        Assert.Equal(created.Count, list.GetProperty("count").GetInt32());
        var stored = list.GetProperty("data").EnumerateArray()
            .Select(c => (Id: c.GetProperty("id").GetString()!, Forename: Expect.At(c, "contact.forename")!))
            .ToArray();
        Assert.Equal(created.Count, stored.Length);
        Assert.Equal(created.OrderBy(c => c.Id), stored.OrderBy(c => c.Id));
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task ASlowUploadDoesNotHoldUpOtherClientsAndStillCompletes()
    {
        var token = await sandbox.TokenAsync();
        using var others = NewClient(maxConnections: 4);
        // Warm the path first, so the timings below measure waiting, not first-call start-up.
        Assert.Equal(200, (await SendAsync(others, HttpMethod.Get, CustomersPath, token)).StatusCode);
        await sandbox.ClearLogAsync();

        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { contact = new { forename = "Slow", surname = "Trickle", email = "slow@example.com" } }));
        using var slow = await ConnectAsync();
        var stream = slow.GetStream();
        await stream.WriteAsync(Headers("POST", CustomersPath, token, body.Length));
        await WaitForPendingAsync("POST", expected: 1);

        // The first half a few bytes at a time: this trickle is the slow client itself, not a wait for the server.
        var half = body.Length / 2;
        await TrickleAsync(stream, body.AsMemory(0, half));

        // Other clients are served while the slow body is still incomplete (its rest is not even sent yet).
        var served = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var watch = Stopwatch.StartNew();
            var r = i % 2 == 0
                ? await SendAsync(others, HttpMethod.Post, CustomersPath, token, new { contact = new { forename = "Quick" + i } })
                : await SendAsync(others, HttpMethod.Get, CustomersPath, token);
            return (Response: r, Elapsed: watch.Elapsed);
        }));
        foreach (var (response, elapsed) in served)
        {
            Assert.True(response.StatusCode == 200, response.ToString());
            // The slow body is never finished meanwhile, so a server that waited for it would not answer at all; the
            // bound only has to hold on a loaded two-core machine running other test classes in parallel.
            Assert.True(elapsed < TimeSpan.FromSeconds(5), $"a normal request took {elapsed.TotalMilliseconds:F0} ms beside a slow upload");
        }
        Assert.DoesNotContain("Slow", await ForenamesAsync());

        await TrickleAsync(stream, body.AsMemory(half));
        var (status, answer) = await ReadResponseAsync(stream);
        Assert.True(status == 200, $"slow create answered {status}: {answer}");
        using var json = JsonDocument.Parse(answer);
        Expect.CustomerRecord(json.RootElement);
        Assert.Equal("Slow Trickle", Expect.At(json.RootElement, "contact.name"));
        Assert.Equal("slow@example.com", Expect.At(json.RootElement, "contact.email"));

        var stored = await sandbox.GetCustomerAsync(json.RootElement.GetProperty("id").GetString()!);
        Assert.Equal(json.RootElement.GetRawText(), stored.GetRawText());
        Assert.Equal(new[] { "Quick0", "Quick2", "Quick4", "Slow" }, (await ForenamesAsync()).Order());
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task AClientThatStallsAfterItsHeadersAndLeavesCreatesNothing()
    {
        var token = await sandbox.TokenAsync();
        await sandbox.ClearLogAsync();
        using (var stalled = await ConnectAsync())
        {
            await stalled.GetStream().WriteAsync(Headers("POST", CustomersPath, token, contentLength: 120));
            // The server has the request in hand and waits for its body before the client goes away.
            await WaitForPendingAsync("POST", expected: 1);
            // Still being served: the log says so with a null status, not with the 0 of a dropped connection.
            Assert.Equal(JsonValueKind.Null, Assert.Single(await ApiLogAsync("POST")).GetProperty("status").ValueKind);
        }

        // A body cut short is the client's fault, never stored. Whether the server first reads the end of the body
        // (400, answered to no one) or first learns that the connection is gone (0, dropped) is a race in Kestrel;
        // both are final and neither is a success.
        var entry = Assert.Single(await WaitForAnsweredAsync("POST", expected: 1));
        Assert.Contains(entry.GetProperty("status").GetInt32(), new[] { 0, 400 });
        await AssertServingWithStoreAsync(expectedForenames: []);
    }

    [Fact]
    public async Task ClientsThatVanishHalfwayThroughABodyLeaveNoTrace()
    {
        var target = await sandbox.CreateAsync(new { forename = "Ada", surname = "Lovelace", email = "ada@example.com" });
        var id = target.GetProperty("id").GetString()!;
        var token = await sandbox.TokenAsync();
        await sandbox.ClearLogAsync();

        var post = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { contact = new { forename = "Half", surname = "Written" } }));
        var put = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { contact = new { forename = "Torn", surname = "Update", email = "torn@example.com" } }));
        // Both ways of leaving: an orderly close (FIN) and a reset (RST), for each method.
        await SendHalfAndLeaveAsync("POST", CustomersPath, token, post, reset: false);
        await SendHalfAndLeaveAsync("POST", CustomersPath, token, post, reset: true);
        await SendHalfAndLeaveAsync("PUT", CustomersPath + "/" + id, token, put, reset: false);
        await SendHalfAndLeaveAsync("PUT", CustomersPath + "/" + id, token, put, reset: true);

        // Every cut request is finished with before the store is judged: a failed body read (400) or a dropped
        // connection (0), whichever the server notices first; never a success.
        var posts = await WaitForAnsweredAsync("POST", expected: 2);
        var puts = await WaitForAnsweredAsync("PUT", expected: 2);
        Assert.All(posts.Concat(puts), e => Assert.Contains(e.GetProperty("status").GetInt32(), new[] { 0, 400 }));
        await AssertServingWithStoreAsync(expectedForenames: ["Ada"]);
        Assert.Equal(target.GetRawText(), (await sandbox.GetCustomerAsync(id)).GetRawText());

        // The target still takes a whole update afterwards.
        var update = await sandbox.ApiAsync(HttpMethod.Put, "/Payment/Customers/" + id, new { contact = new { forename = "Augusta" } });
        Assert.True(update.StatusCode == 200, update.ToString());
        Assert.Equal("Augusta", Expect.At(await sandbox.GetCustomerAsync(id), "contact.forename"));
    }

    [Fact]
    public async Task RequestsCancelledWhileHeldByLatencyCreateNothing()
    {
        const int cancelled = 4;
        var token = await sandbox.TokenAsync();
        await sandbox.ClearLogAsync();
        // A delay only: a request the server failed to drop would go on to create its customer once the delay ends.
        await sandbox.AddFaultAsync(new { latencyMs = 5000, method = "POST", pathPrefix = "/api/v2/Payment/Customers", phase = "before" });

        using var quitters = NewClient(maxConnections: cancelled);
        using var stop = new CancellationTokenSource();
        var held = Enumerable.Range(0, cancelled).Select(i =>
            SendAsync(quitters, HttpMethod.Post, CustomersPath, token, new { contact = new { forename = "Gone" + i } }, stop.Token)).ToArray();
        await WaitForPendingAsync("POST", expected: cancelled);

        // A patient client arriving after them is held by the same delay; its answer marks the end of theirs.
        using var patient = NewClient(maxConnections: 1);
        var control = SendAsync(patient, HttpMethod.Post, CustomersPath, token, new { contact = new { forename = "Patient" } });
        await WaitForPendingAsync("POST", expected: cancelled + 1);
        stop.Cancel();
        foreach (var request in held) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        // Meanwhile the server answers others at once.
        var health = Stopwatch.StartNew();
        await AssertHealthyAsync();
        // Well under the 5 s hold, with room for a loaded two-core machine.
        Assert.True(health.Elapsed < TimeSpan.FromSeconds(3.5), $"health took {health.Elapsed.TotalMilliseconds:F0} ms beside held requests");

        var answer = await control;
        Assert.True(answer.StatusCode == 200, answer.ToString());
        await sandbox.ControlAsync(HttpMethod.Delete, "/faults");
        await AssertServingWithStoreAsync(expectedForenames: ["Patient"]);
        var posts = await WaitForAnsweredAsync("POST", expected: cancelled + 1);
        Assert.Equal(cancelled + 1, posts.Length);
        Assert.Equal(cancelled, posts.Count(e => e.GetProperty("status").GetInt32() == 0));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    // A short timeout: a server that queues everyone behind one slow client fails the test instead of hanging it.
    // 15 s: above the longest hold these tests inject (5 s), with room for a loaded machine.
    private static HttpClient NewClient(int maxConnections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, UseCookies = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };

    private async Task<string> NewTokenAsync(HttpClient http)
    {
        var body = new { grant_type = "client_credentials", client_id = DemoClient.Id, client_secret = DemoClient.Secret };
        var r = await SendAsync(http, HttpMethod.Post, "/oauth/token", null, body);
        Assert.True(r.StatusCode == 200, $"token: {r}");
        return r.Json.GetProperty("access_token").GetString()!;
    }

    private async Task<ApiResponse> SendAsync(HttpClient http, HttpMethod method, string pathAndQuery, string? token,
        object? body = null, CancellationToken cancel = default)
    {
        using var request = sandbox.Request(method, pathAndQuery, body is null ? null : SandboxProcess.Json(body));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancel);
        return new ApiResponse(response, await response.Content.ReadAsStringAsync(cancel));
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, sandbox.BaseUri.Port);
        return client;
    }

    private byte[] Headers(string method, string path, string token, int contentLength) => Encoding.ASCII.GetBytes(
        $"{method} {path} HTTP/1.1\r\n" +
        $"Host: 127.0.0.1:{sandbox.BaseUri.Port}\r\n" +
        $"Authorization: Bearer {token}\r\n" +
        "Content-Type: application/json\r\n" +
        $"Content-Length: {contentLength}\r\n" +
        "Connection: close\r\n\r\n");

    /// <summary>Sends a body four bytes at a time with short pauses, as a client on a poor line would.</summary>
    private static async Task TrickleAsync(NetworkStream stream, ReadOnlyMemory<byte> bytes)
    {
        for (var at = 0; at < bytes.Length; at += 4)
        {
            await stream.WriteAsync(bytes.Slice(at, Math.Min(4, bytes.Length - at)));
            await stream.FlushAsync();
            await Task.Delay(50);
        }
    }

    /// <summary>Reads an answer to a "Connection: close" request up to the server's close.</summary>
    private static async Task<(int Status, string Body)> ReadResponseAsync(NetworkStream stream)
    {
        using var cts = new CancellationTokenSource(Deadline);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cts.Token);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no complete answer: {text}");
        var statusLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        return (int.Parse(statusLine.Split(' ')[1]), text[(split + 4)..]);
    }

    /// <summary>Sends the headers and half the body, waits until the server holds the request, then leaves.</summary>
    private async Task SendHalfAndLeaveAsync(string method, string path, string token, byte[] body, bool reset)
    {
        var before = (await ApiLogAsync(method)).Length;
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await stream.WriteAsync(Headers(method, path, token, body.Length));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await stream.FlushAsync();
        await WaitForPendingAsync(method, expected: before + 1);
        if (reset) client.Client.LingerState = new LingerOption(true, 0); // close with RST instead of FIN
        client.Client.Close();
    }

    /// <summary>Polls the request log until <paramref name="expected"/> API requests of the method have arrived.</summary>
    private async Task WaitForPendingAsync(string method, int expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var seen = (await ApiLogAsync(method)).Length;
            if (seen >= expected) return;
            Assert.True(DateTime.UtcNow < deadline, $"the server logged {seen} of {expected} {method} requests within {Deadline.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls the request log until that many API requests of the method carry their final status (not null).</summary>
    private async Task<JsonElement[]> WaitForAnsweredAsync(string method, int expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var entries = await ApiLogAsync(method);
            if (entries.Length >= expected && entries.All(e => e.GetProperty("status").ValueKind != JsonValueKind.Null)) return entries;
            Assert.True(DateTime.UtcNow < deadline,
                $"{method} requests not finished within {Deadline.TotalSeconds} s: {string.Join(", ", entries.Select(e => e.GetRawText()))}");
            await Task.Delay(20);
        }
    }

    private async Task<JsonElement[]> ApiLogAsync(string method) =>
        (await sandbox.RequestLogAsync()).EnumerateArray()
            .Where(e => e.GetProperty("method").GetString() == method
                        && e.GetProperty("path").GetString()!.StartsWith(CustomersPath, StringComparison.OrdinalIgnoreCase))
            .ToArray();

    private async Task<string[]> ForenamesAsync() =>
        (await sandbox.ListAsync("?count=1000")).GetProperty("data").EnumerateArray()
            .Select(c => Expect.At(c, "contact.forename")!).ToArray();

    private async Task AssertHealthyAsync()
    {
        using var health = await sandbox.Http.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>Health, the store (exactly these customers, each a whole record) and the request log all answer.</summary>
    private async Task AssertServingWithStoreAsync(string[] expectedForenames)
    {
        await AssertHealthyAsync();
        var list = await sandbox.ListAsync("?count=1000");
        Assert.Equal(expectedForenames.Length, list.GetProperty("count").GetInt32());
        Assert.Equal(expectedForenames.Order(), list.GetProperty("data").EnumerateArray().Select(c => Expect.At(c, "contact.forename")!).Order());
        var log = await sandbox.RequestLogAsync();
        Assert.All(log.EnumerateArray(), e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("method").GetString()));
            Assert.StartsWith("/", e.GetProperty("path").GetString());
            Assert.True(DateTimeOffset.TryParse(e.GetProperty("at").GetString(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out _), $"log time: {e}");
        });
    }
}
