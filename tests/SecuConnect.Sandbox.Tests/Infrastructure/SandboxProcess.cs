using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>
/// One sandbox process on a free loopback port: started from the published dll, ready once /health answers 200,
/// killed on dispose. Shared per test class through IClassFixture; option tests start their own with StartAsync.
/// </summary>
public sealed partial class SandboxProcess : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(30);

    private readonly string[] _arguments;
    private readonly IReadOnlyDictionary<string, string>? _environment;
    private readonly string? _workingDirectory;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private string? _token;

    /// <summary>The class fixture: a strict sandbox (--strict), as every test run of this repository uses.</summary>
    public SandboxProcess() : this(["--strict"])
    {
    }

    private SandboxProcess(string[] arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        _arguments = arguments;
        _environment = environment;
        _workingDirectory = workingDirectory;
    }

    public Uri BaseUri { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public string StdErr { get { lock (_stderr) { return _stderr.ToString(); } } }
    public string StdOut { get { lock (_stdout) { return _stdout.ToString(); } } }

    /// <summary>Starts an extra strict sandbox (--strict) with the given options (the caller disposes it).</summary>
    public static async Task<SandboxProcess> StartAsync(params string[] arguments)
    {
        var sandbox = new SandboxProcess(["--strict", .. arguments]);
        await sandbox.InitializeAsync();
        return sandbox;
    }

    /// <summary>Starts an extra sandbox without --strict, as users' scripts see it by default (the caller disposes it).</summary>
    public static async Task<SandboxProcess> StartLenientAsync(params string[] arguments)
    {
        var sandbox = new SandboxProcess(arguments);
        await sandbox.InitializeAsync();
        return sandbox;
    }

    /// <summary>Starts an extra sandbox with extra environment variables and a working directory.</summary>
    public static async Task<SandboxProcess> StartInAsync(IReadOnlyDictionary<string, string> environment, string? workingDirectory, params string[] arguments)
    {
        var sandbox = new SandboxProcess(arguments, environment, workingDirectory);
        await sandbox.InitializeAsync();
        return sandbox;
    }

    public async Task InitializeAsync()
    {
        try
        {
            await LaunchAndWaitAsync();
        }
        catch
        {
            // Never leave a half-started sandbox running behind a failed start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task LaunchAndWaitAsync()
    {
        var deadline = DateTime.UtcNow + StartupDeadline;
        _process = Launch(SandboxLocator.SandboxDll(), ["--urls", "http://127.0.0.1:0", .. _arguments], _environment, _workingDirectory);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stdout) _stdout.AppendLine(e.Data);
            var m = ListeningLine().Match(e.Data);
            if (m.Success) _listening.TrySetResult(m.Groups[1].Value.TrimEnd('/'));
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(StartupDeadline));
        if (first != _listening.Task)
        {
            throw new InvalidOperationException(
                $"The sandbox printed no 'Now listening on' line within {StartupDeadline.TotalSeconds} s " +
                $"(exited: {_process.HasExited}). stdout: {StdOut} stderr: {StdErr}");
        }

        BaseUri = new Uri(await _listening.Task + "/");
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };

        while (true)
        {
            try
            {
                using var health = await Http.GetAsync("health");
                if (health.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not accepting connections yet
            }
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The sandbox at {BaseUri} did not become healthy within {StartupDeadline.TotalSeconds} s " +
                    $"(exited: {_process.HasExited}). stderr: {StdErr}");
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // already gone, or it will be reaped with the test host
        }
        _process.Dispose();
        _process = null;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>Runs the sandbox with the given arguments (no --urls added) until it exits.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunToExitAsync(TimeSpan timeout, params string[] arguments)
    {
        using var process = Launch(SandboxLocator.SandboxDll(), arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new Xunit.Sdk.XunitException(
                $"The sandbox ({string.Join(' ', arguments)}) was still running after {timeout.TotalSeconds} s. " +
                $"stdout: {await stdout} stderr: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static Process Launch(string dll, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory != null) psi.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        psi.ArgumentList.Add(dll);
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    [GeneratedRegex(@"Now listening on:\s*(http://\S+)")]
    private static partial Regex ListeningLine();

    // ---- HTTP helpers -------------------------------------------------------------------------------------------

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Http.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            return new ApiResponse(response, body);
        }
    }

    /// <summary>A request to an absolute path on the sandbox (no base-address resolution, so '//' survives).</summary>
    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery, HttpContent? content = null) =>
        new(method, new Uri(BaseUri.GetLeftPart(UriPartial.Authority) + pathAndQuery)) { Content = content };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value));

    /// <summary>POST /oauth/token with a JSON body.</summary>
    public Task<ApiResponse> TokenAsync(object body, string path = "/oauth/token") =>
        SendAsync(Request(HttpMethod.Post, path, Json(body)));

    public async Task<string> NewTokenAsync(string clientId = DemoClient.Id, string secret = DemoClient.Secret)
    {
        var r = await TokenAsync(new { grant_type = "client_credentials", client_id = clientId, client_secret = secret });
        Assert.True(r.StatusCode == 200, $"token request failed: {r}");
        return r.Json.GetProperty("access_token").GetString()!;
    }

    /// <summary>A cached token for the demo client, fetched on first use.</summary>
    public async Task<string> TokenAsync() => _token ??= await NewTokenAsync();

    public void ForgetToken() => _token = null;

    /// <summary>A call under /api/v2 with the cached bearer token.</summary>
    public async Task<ApiResponse> ApiAsync(HttpMethod method, string path, string? json = null)
    {
        var request = Request(method, "/api/v2" + path, json is null ? null : Json(json));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        return await SendAsync(request);
    }

    public Task<ApiResponse> ApiAsync(HttpMethod method, string path, object body) =>
        ApiAsync(method, path, JsonSerializer.Serialize(body));

    /// <summary>A call to the test controls under /_sandbox.</summary>
    public Task<ApiResponse> ControlAsync(HttpMethod method, string path, object? body = null) =>
        SendAsync(Request(method, "/_sandbox" + path, body is null ? null : Json(body is string s ? s : JsonSerializer.Serialize(body))));

    /// <summary>Empties store, log, faults and scrolls and restores start-up settings.</summary>
    public async Task ResetAsync()
    {
        var r = await ControlAsync(HttpMethod.Post, "/reset");
        Assert.True(r.StatusCode is >= 200 and < 300, $"reset failed: {r}");
        _token = null;
    }

    public async Task ClearLogAsync()
    {
        var r = await ControlAsync(HttpMethod.Delete, "/requests");
        Assert.True(r.StatusCode is >= 200 and < 300, $"clearing the request log failed: {r}");
    }

    public async Task<JsonElement> RequestLogAsync()
    {
        var r = await ControlAsync(HttpMethod.Get, "/requests");
        Assert.True(r.StatusCode == 200, $"reading the request log failed: {r}");
        Assert.Equal(JsonValueKind.Array, r.Json.ValueKind);
        return r.Json;
    }

    public async Task<JsonElement> AddFaultAsync(object fault)
    {
        var r = await ControlAsync(HttpMethod.Post, "/faults", fault);
        Assert.True(r.StatusCode is >= 200 and < 300, $"adding a fault failed: {r}");
        return r.Json;
    }

    public async Task PutSettingsAsync(object settings)
    {
        var r = await ControlAsync(HttpMethod.Put, "/settings", settings);
        Assert.True(r.StatusCode is >= 200 and < 300, $"changing settings failed: {r}");
    }

    // ---- customer helpers ---------------------------------------------------------------------------------------

    /// <summary>Creates a customer and checks the answer against the contract.</summary>
    public async Task<JsonElement> CreateAsync(object contact)
    {
        var r = await ApiAsync(HttpMethod.Post, "/Payment/Customers", new { contact });
        Assert.True(r.StatusCode == 200, $"create failed: {r}");
        Expect.JsonContentType(r);
        Contract.AssertResponse("/Payment/Customers", "post", r);
        Expect.CustomerRecord(r.Json);
        return r.Json;
    }

    public async Task<JsonElement> GetCustomerAsync(string id)
    {
        var r = await ApiAsync(HttpMethod.Get, "/Payment/Customers/" + id);
        Assert.True(r.StatusCode == 200, $"read of {id} failed: {r}");
        Expect.JsonContentType(r);
        Contract.AssertResponse("/Payment/Customers/{paymentCustomerId}", "get", r);
        Expect.CustomerRecord(r.Json);
        return r.Json;
    }

    /// <summary>A list call, checked against the contract (narrowed when fields is given).</summary>
    public async Task<JsonElement> ListAsync(string query = "")
    {
        var r = await ApiAsync(HttpMethod.Get, "/Payment/Customers" + query);
        Assert.True(r.StatusCode == 200, $"list {query} failed: {r}");
        Expect.JsonContentType(r);
        var projected = query.Contains("fields=", StringComparison.Ordinal);
        Contract.AssertResponse("/Payment/Customers", "get", r, projected);
        if (!projected && r.Json.TryGetProperty("data", out var data))
        {
            foreach (var customer in data.EnumerateArray()) Expect.CustomerRecord(customer);
        }
        return r.Json;
    }

    /// <summary>Every stored customer, in default order, as raw JSON text: a fingerprint of the store.</summary>
    public async Task<string> StoreSnapshotAsync()
    {
        var list = await ListAsync("?count=1000");
        return list.GetProperty("count").GetInt32() + ":" + list.GetProperty("data").GetRawText();
    }
}
