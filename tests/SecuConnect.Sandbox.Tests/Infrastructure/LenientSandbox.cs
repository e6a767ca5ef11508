using Xunit;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>
/// A class fixture for tests of the default (lenient) behaviour users' scripts see: a sandbox started without
/// --strict. Everything else runs against the strict <see cref="SandboxProcess"/> fixture.
/// </summary>
public sealed class LenientSandbox : IAsyncLifetime
{
    public SandboxProcess Process { get; private set; } = null!;

    public async Task InitializeAsync() => Process = await SandboxProcess.StartLenientAsync();

    public async Task DisposeAsync()
    {
        if (Process != null) await Process.DisposeAsync();
    }
}
