using Xunit;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>
/// Classes that assert how soon the sandbox answers (a health check beside held requests): they run alone, after the
/// parallel classes, so on a two-core machine no other sandbox competes with their clocks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
