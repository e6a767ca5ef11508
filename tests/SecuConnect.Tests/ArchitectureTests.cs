using System.Reflection;
using SecuConnect.Api;
using Xunit;

namespace SecuConnect.Tests;

public class ArchitectureTests
{
    private static readonly Assembly PowerShell = typeof(System.Management.Automation.PSObject).Assembly;

    public static IEnumerable<object[]> LowerLayerTypes() =>
        typeof(SecuConnection).Assembly.GetTypes()
            .Where(t => t.Namespace is "SecuConnect.Api" or "SecuConnect.Models" or "SecuConnect")
            .Select(t => new object[] { t.FullName! });

    [Theory]
    [MemberData(nameof(LowerLayerTypes))]
    public void Api_and_Models_use_no_PowerShell_type(string typeName)
    {
        var type = typeof(SecuConnection).Assembly.GetType(typeName)!;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var used = new List<Type>();
        if (type.BaseType != null) used.Add(type.BaseType);
        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetFields(all).Select(f => f.FieldType));
        used.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi) used.Add(mi.ReturnType);
            used.AddRange(m.GetParameters().Select(p => p.ParameterType));
            var body = m.GetMethodBody();
            if (body != null) used.AddRange(body.LocalVariables.Select(l => l.LocalType));
        }
        var offending = used.SelectMany(Expand).Where(t => t.Assembly == PowerShell).Select(t => t.FullName).Distinct().ToList();
        Assert.True(offending.Count == 0, $"{typeName} uses {string.Join(", ", offending)}");
    }

    [Fact]
    public void The_check_sees_powershell_types_when_they_are_used()
    {
        // The Commands layer does use PowerShell types: the reflection above must notice such a use.
        var t = typeof(SecuConnect.Commands.SecuCmdlet);
        Assert.Equal(PowerShell, t.BaseType!.Assembly);
    }

    [Fact]
    public void Only_what_users_see_is_public()
    {
        // Cmdlets (and the bases they derive from), what they write and accept, the errors users catch and the
        // argument completers. Everything else is the module's own business and may change between releases.
        var expected = new[]
        {
            "SecuConnect.SecuApiException", "SecuConnect.SecuConnection", "SecuConnect.SecuEnvironment",
            "SecuConnect.SecuErrorKind", "SecuConnect.BulkSummary",
            "SecuConnect.Commands.ConnectSecuConnectCommand", "SecuConnect.Commands.CountryCompleter",
            "SecuConnect.Commands.CustomerFieldsCmdlet", "SecuConnect.Commands.CustomerIdCompleter",
            "SecuConnect.Commands.DisconnectSecuConnectCommand", "SecuConnect.Commands.FieldNameCompleter",
            "SecuConnect.Commands.GetSecuConnectContextCommand", "SecuConnect.Commands.GetSecuCustomerCommand",
            "SecuConnect.Commands.InvokeSecuConnectRequestCommand", "SecuConnect.Commands.NewSecuCustomerCommand",
            "SecuConnect.Commands.RemoveSecuCustomerCommand", "SecuConnect.Commands.RequestPathCompleter",
            "SecuConnect.Commands.SecuBulkCmdlet",
            "SecuConnect.Commands.SecuCmdlet", "SecuConnect.Commands.SecuConnectedCmdlet",
            "SecuConnect.Commands.SetSecuCustomerCommand", "SecuConnect.Customer",
        };
        var exported = typeof(SecuConnection).Assembly.GetExportedTypes().Select(t => t.FullName!).Order().ToArray();
        Assert.Equal(expected.Order().ToArray(), exported);
    }

    private static IEnumerable<Type> Expand(Type t)
    {
        yield return t;
        if (t.HasElementType)
            foreach (var e in Expand(t.GetElementType()!)) yield return e;
        if (t.IsGenericType)
            foreach (var a in t.GetGenericArguments().SelectMany(Expand)) yield return a;
    }
}
