using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// Classes that assert how soon something happens (a stop cancelling a request, a send giving up): they run alone,
/// after the parallel classes, so on a two-core machine no other test competes with their clocks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
