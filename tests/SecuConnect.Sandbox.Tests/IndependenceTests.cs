using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>The sandbox is a second implementation of the contract, so it must not share the module's code.</summary>
public sealed class IndependenceTests
{
    [Fact]
    public void SandboxDoesNotReferenceTheModuleAssembly()
    {
        var dll = SandboxLocator.SandboxDll();
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences
            .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
            .ToArray();

        Assert.Contains("Microsoft.Data.Sqlite", references);
        Assert.DoesNotContain("SecuConnect", references);
        Assert.DoesNotContain("Newtonsoft.Json", references);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(dll)!, "SecuConnect.dll")), "the module dll ships beside the sandbox");
    }
}
