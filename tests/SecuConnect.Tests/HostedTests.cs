using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Sockets;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

[Collection(TimingCollection.Name)]
public class HostedTests
{
    private static Runspace OpenRunspace()
    {
        var iss = InitialSessionState.CreateDefault2();
        foreach (var (name, type) in new[]
                 {
                     ("Connect-SecuConnect", typeof(ConnectSecuConnectCommand)),
                     ("Disconnect-SecuConnect", typeof(DisconnectSecuConnectCommand)),
                     ("Get-SecuConnectContext", typeof(GetSecuConnectContextCommand)),
                     ("Get-SecuCustomer", typeof(GetSecuCustomerCommand)),
                 })
        {
            iss.Commands.Add(new SessionStateCmdletEntry(name, type, null));
        }
        var rs = RunspaceFactory.CreateRunspace(iss);
        rs.Open();
        return rs;
    }

    private static Collection<PSObject> Invoke(Runspace rs, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = rs;
        var result = ps.AddScript(script).Invoke();
        if (ps.HadErrors) throw new InvalidOperationException(string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
        return result;
    }

    // A caller-supplied token with -SkipCheck needs no request at all, so no server is needed to connect.
    private const string ConnectWithToken =
        "Connect-SecuConnect -AccessToken (ConvertTo-SecureString 'token-value' -AsPlainText -Force) -SkipCheck -BaseUri 'http://127.0.0.1:{0}'";

    [Fact]
    public async Task The_default_connection_belongs_to_one_runspace()
    {
        await Task.Yield();
        using var a = OpenRunspace();
        using var b = OpenRunspace();

        Invoke(a, string.Format(ConnectWithToken, 9));
        var inA = Invoke(a, "Get-SecuConnectContext");
        var inB = Invoke(b, "Get-SecuConnectContext");

        var connection = Assert.Single(inA);
        Assert.Equal("SecuConnect.Connection", connection.TypeNames[0]);
        Assert.Equal(new Uri("http://127.0.0.1:9"), connection.Properties["BaseUri"].Value);
        Assert.Empty(inB);

        // Without a connection, a connected cmdlet stops with NotConnected.
        var ex = Assert.Throws<InvalidOperationException>(() => Invoke(b, "Get-SecuCustomer -Id PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW"));
        Assert.Contains("Connect-SecuConnect", ex.Message);

        Invoke(a, "Disconnect-SecuConnect");
        Assert.Empty(Invoke(a, "Get-SecuConnectContext"));
    }

    [Theory]
    [InlineData("Get-SecuCustomer -Id PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW")]
    [InlineData("Get-SecuCustomer -PageSize 2 | ForEach-Object { $_ }")]
    public async Task Stopping_the_pipeline_cancels_a_request_in_flight(string script)
    {
        // A loopback listener that accepts and never answers.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();

        using var rs = OpenRunspace();
        Invoke(rs, string.Format(ConnectWithToken, port) + " -TimeoutSec 0");
        using var ps = PowerShell.Create();
        ps.Runspace = rs;
        ps.AddScript(script);
        var running = ps.BeginInvoke();

        using var client = await accepted.WaitAsync(TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();
        var stoppedAt = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Timestamped by the pipeline itself, so a busy machine's slow test thread does not count.
        ps.InvocationStateChanged += (_, e) =>
        {
            if (e.InvocationStateInfo.State is PSInvocationState.Stopped or PSInvocationState.Completed or PSInvocationState.Failed)
                stoppedAt.TrySetResult(watch.Elapsed);
        };
        var stopping = Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop);
        // A cmdlet that ignored the stop would block forever: fail instead of hanging the run.
        var finished = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(stopping, finished);
        await stopping;
        var elapsed = await stoppedAt.Task;

        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        // The Api tests hold cancellation to 1 s; here the first stop in a fresh process also JIT-compiles
        // PowerShell's stop path, so a loaded build machine gets some slack. A stop that is ignored fails above.
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"stopping took {elapsed}");
        Assert.True(running.IsCompleted);
    }
}
