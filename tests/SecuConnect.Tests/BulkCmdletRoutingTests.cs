using System.Management.Automation;
using System.Reflection;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// The bulk cmdlets report through their base, so the run counts every record and keeps the input order: a plain
/// WriteError, WriteApiError or CallApi in New, Set or Remove would compile, but skip the count or the dead-API rule.
/// </summary>
public class BulkCmdletRoutingTests
{
    private static readonly MethodInfo[] Bypassing =
    {
        typeof(Cmdlet).GetMethod(nameof(Cmdlet.WriteError))!,
        typeof(SecuCmdlet).GetMethod("WriteApiError", BindingFlags.Instance | BindingFlags.NonPublic)!,
        typeof(SecuCmdlet).GetMethod("CallApi", BindingFlags.Instance | BindingFlags.NonPublic)!,
    };

    /// <summary>The bulk cmdlets and their nested types (lambdas), without the base, where these calls belong.</summary>
    public static IEnumerable<object[]> DerivedBulkTypes() =>
        ShouldProcessGuardTests.BulkTypes().Where(t => !((string)t[0]).Split('+')[0].Equals(typeof(SecuBulkCmdlet).FullName, StringComparison.Ordinal));

    private static IEnumerable<MethodBase> Bypasses(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all))
            .Where(m => ShouldProcessGuardTests.Calls(m).Any(c => Bypassing.Contains(Definition(c))));
    }

    private static MethodBase Definition(MethodBase method) =>
        method is MethodInfo { IsGenericMethod: true } generic ? generic.GetGenericMethodDefinition() : method;

    [Theory]
    [MemberData(nameof(DerivedBulkTypes))]
    public void Bulk_cmdlets_report_and_call_only_through_the_base(string typeName)
    {
        var type = typeof(SecuBulkCmdlet).Assembly.GetType(typeName)!;
        var offending = Bypasses(type).Select(m => m.Name).ToList();
        Assert.True(offending.Count == 0, $"{typeName} bypasses the bulk run in: {string.Join(", ", offending)}");
    }

    [Fact]
    public void The_scan_sees_the_calls_the_base_makes()
    {
        // The base is where these calls belong: the scan must find them there, or the theory above proves nothing.
        Assert.All(Bypassing, m => Assert.NotNull(m));
        var found = typeof(SecuBulkCmdlet).Assembly.GetTypes()
            .Where(t => t.FullName!.Split('+')[0] == typeof(SecuBulkCmdlet).FullName)
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .SelectMany(ShouldProcessGuardTests.Calls).Select(Definition).ToList();
        Assert.Contains(Bypassing[0], found);
        Assert.Contains(Bypassing[1], found);
        Assert.Contains(Bypassing[2], found);
    }
}
