using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>
/// Every switch means what it says: --NAME and --NAME=true turn it on, --NAME=false off, any other value is refused
/// (exit code 2). Each switch is told on from off by what a running sandbox does, not by what it prints.
/// </summary>
public sealed partial class SwitchOptionTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(30);

    /// <summary>For each switch but --help (which decides whether the sandbox runs at all): is it on in this sandbox?</summary>
    private static readonly Dictionary<string, Func<SandboxProcess, Task<bool>>> Probes = new()
    {
        ["--allow-remote"] = AnswersAForeignHost,
        ["--omit-contract"] = LeavesContractOut,
        ["--strict"] = RefusesABodyThatIsNotJson,
    };

    public static TheoryData<string, bool, string[]> SwitchForms()
    {
        var data = new TheoryData<string, bool, string[]>();
        foreach (var name in Probes.Keys)
        {
            data.Add(name, false, []);
            data.Add(name, true, [name]);
            data.Add(name, true, [name + "=true"]);
            data.Add(name, true, [name.ToUpperInvariant() + "=True"]);
            data.Add(name, false, [name + "=false"]);
            data.Add(name, false, [name + "=FALSE"]);
            data.Add(name, false, [name, name + "=false"]);
            data.Add(name, true, [name + "=false", name]);
        }
        return data;
    }

    public static TheoryData<string, string> RefusedValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Probes.Keys.Append("--help"))
        {
            foreach (var value in new[] { "yes", "1", "0", "off", "" }) data.Add(name, value);
        }
        return data;
    }

    [Fact]
    public async Task EverySwitchTheUsageListsIsTested()
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(ExitDeadline, "--help");
        Assert.True(exitCode == 0, stderr);
        // An option line whose name is followed by the description, not by a value placeholder, is a switch.
        var listed = UsageSwitch().Matches(stdout).Select(m => m.Groups[1].Value).Order().ToArray();
        Assert.Equal(Probes.Keys.Append("--help").Order().ToArray(), listed);
    }

    [Theory]
    [MemberData(nameof(SwitchForms))]
    public async Task ASwitchIsOnAloneOrAsTrueAndOffAsFalse(string name, bool on, string[] arguments)
    {
        await using var sandbox = await SandboxProcess.StartLenientAsync(arguments);
        Assert.Equal(on, await Probes[name](sandbox));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--help=true")]
    [InlineData("--Help=TRUE")]
    public async Task HelpOnPrintsTheUsageAndExits(string argument)
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(ExitDeadline, "--urls", "http://127.0.0.1:0", argument);
        Assert.True(exitCode == 0, $"{argument} exited {exitCode}: {stderr}");
        Assert.StartsWith("Usage: secuconnect-sandbox", stdout.TrimStart());
        Assert.DoesNotContain("Now listening", stdout);
    }

    [Fact]
    public async Task HelpFalseRunsTheSandbox()
    {
        await using var sandbox = await SandboxProcess.StartLenientAsync("--help=false");
        Assert.DoesNotContain("Usage:", sandbox.StdOut);
        Assert.Equal(0, (await sandbox.ListAsync()).GetProperty("count").GetInt32());
    }

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public async Task AnyOtherValueIsRefused(string name, string value)
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(ExitDeadline, "--urls", "http://127.0.0.1:0", $"{name}={value}");
        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("Now listening", stdout);
        Assert.DoesNotContain("Usage:", stdout);
        Assert.Contains($"Option {name} is a switch", stderr);
        Assert.Contains($"'{name}={value}'", stderr);
    }

    [Fact]
    public async Task AllowRemoteFalseKeepsANonLoopbackAddressRefused()
    {
        var (exitCode, stdout, stderr) = await SandboxProcess.RunToExitAsync(ExitDeadline, "--urls", "http://0.0.0.0:0", "--allow-remote=false");
        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("Now listening", stdout);
        Assert.Contains("Refusing to listen on non-loopback address 'http://0.0.0.0:0'", stderr);
    }

    // ---- probes -------------------------------------------------------------------------------------------------

    /// <summary>--allow-remote: the API answers a request whose Host is not a loopback name (421 without it).</summary>
    private static async Task<bool> AnswersAForeignHost(SandboxProcess sandbox)
    {
        var list = sandbox.Request(HttpMethod.Get, "/api/v2/Payment/Customers");
        list.Headers.Host = "sandbox.internal.example";
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await sandbox.TokenAsync());
        var answer = await sandbox.SendAsync(list);
        Assert.True(answer.StatusCode is 200 or 421, answer.ToString());
        return answer.StatusCode == 200;
    }

    /// <summary>--omit-contract: a created customer has no contract member.</summary>
    private static async Task<bool> LeavesContractOut(SandboxProcess sandbox)
    {
        var created = await sandbox.ApiAsync(HttpMethod.Post, "/Payment/Customers", """{"contact":{"forename":"Ada"}}""");
        Assert.True(created.StatusCode == 200, created.ToString());
        return !created.Json.TryGetProperty("contract", out _);
    }

    /// <summary>--strict: a customer POST whose body is JSON sent as text/plain is refused with 415 (created without it).</summary>
    private static async Task<bool> RefusesABodyThatIsNotJson(SandboxProcess sandbox)
    {
        var post = sandbox.Request(HttpMethod.Post, "/api/v2/Payment/Customers",
            new StringContent("""{"contact":{"forename":"Ada"}}""", Encoding.UTF8, "text/plain"));
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await sandbox.TokenAsync());
        var answer = await sandbox.SendAsync(post);
        Assert.True(answer.StatusCode is 200 or 415, answer.ToString());
        return answer.StatusCode == 415;
    }

    [GeneratedRegex(@"^ +(--[a-z-]+) {2,}\S", RegexOptions.Multiline)]
    private static partial Regex UsageSwitch();
}
