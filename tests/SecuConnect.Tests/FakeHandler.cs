using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace SecuConnect.Tests;

/// <summary>
/// An HttpMessageHandler that answers the token endpoint itself and hands API requests to a script of responders,
/// recording every request (method, path and query, body) it saw.
/// </summary>
internal sealed class FakeHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private int _tokens;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers API requests once the script is used up.</summary>
    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fallback { get; set; } =
        (_, _) => Task.FromResult(Json(HttpStatusCode.OK, "{\"object\":\"payment.customers\",\"id\":\"PCU_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}"));

    /// <summary>Answers the token endpoint; by default a new token per call, valid for <see cref="TokenLifetime"/> seconds.</summary>
    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? TokenResponder { get; set; }

    public int TokenLifetime { get; set; } = 1200;

    public int TokenRequests => Requests.Count(r => r.Path.EndsWith("/oauth/token", StringComparison.Ordinal));

    public IReadOnlyList<RecordedRequest> ApiRequests => Requests.Where(r => r.Path.Contains("/api/v2/", StringComparison.Ordinal)).ToList();

    public FakeHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _script.Enqueue(responder);
        return this;
    }

    public FakeHandler Then(HttpStatusCode status, string body = "{}", Action<HttpResponseMessage>? configure = null) =>
        Then((_, _) =>
        {
            var response = Json(status, body);
            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public FakeHandler ThenThrow(Exception exception) => Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query.TrimStart('?'),
            body, request.Headers.Authorization?.Parameter, request.Content?.Headers.ContentType?.ToString(), request.Headers.Authorization?.Scheme));
        if (request.RequestUri.AbsolutePath.EndsWith("/oauth/token", StringComparison.Ordinal))
        {
            if (TokenResponder != null) return await TokenResponder(request, cancellationToken);
            int n = Interlocked.Increment(ref _tokens);
            return Json(HttpStatusCode.OK, $"{{\"access_token\":\"token{n}\",\"expires_in\":{TokenLifetime},\"token_type\":\"bearer\"}}");
        }
        var responder = _script.TryDequeue(out var next) ? next : Fallback;
        return await responder(request, cancellationToken);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}

internal sealed record RecordedRequest(string Method, string Path, string Query, string? Body, string? Bearer,
    string? ContentType = null, string? AuthScheme = null);
