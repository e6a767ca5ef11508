using System.Net.Http;
using System.Reflection;
using System.Text.RegularExpressions;
using SecuConnect.Core;
using SecuConnect.Customers;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// docs/errors.md and <see cref="ErrorIds"/> list the same ids, every site uses the constants, and a test produces each id.
/// </summary>
public class ErrorTableTests
{
    private const string Pending = "*(pending)*";

    private static readonly string Root = FindRoot();

    /// <summary>The repository root (the folder of SecuConnect.sln), for tests that read sources and docs.</summary>
    internal static string RepositoryRoot => Root;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SecuConnect.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (SecuConnect.sln) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The ids of the table under <paramref name="heading"/>, each with whether its row is marked pending.</summary>
    private static Dictionary<string, bool> TableIds(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "docs", "errors.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("## ", StringComparison.Ordinal) && l.Contains(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/errors.md has no heading '{heading}'");
        var ids = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (int i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (!lines[i].StartsWith("| `", StringComparison.Ordinal)) continue;
            string first = lines[i].Split('|')[1];
            foreach (Match m in Regex.Matches(first, "`([^`]+)`")) ids[m.Groups[1].Value] = lines[i].Contains(Pending, StringComparison.Ordinal);
        }
        return ids;
    }

    private static Dictionary<string, bool> ModuleTable() => TableIds("The module's own error ids");

    private static Dictionary<string, bool> ApiTable() => TableIds("The API's exception names");

    /// <summary>Each constant as the table names it: HttpErrorPrefix is "HttpError&lt;status&gt;".</summary>
    private static Dictionary<string, string> Constants() =>
        typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => f.Name.EndsWith("Prefix", StringComparison.Ordinal) ? (string)f.GetRawConstantValue()! + "<status>" : (string)f.GetRawConstantValue()!);

    public static IEnumerable<object[]> ConstantNames() => Constants().Keys.Select(k => new object[] { k });

    public static IEnumerable<object[]> ModuleIds() => ModuleTable().Where(p => !p.Value).Select(p => new object[] { p.Key });

    [Theory]
    [MemberData(nameof(ConstantNames))]
    public void Every_constant_is_listed_in_the_table(string constant)
    {
        string id = Constants()[constant];
        Assert.True(ModuleTable().ContainsKey(id) || ApiTable().ContainsKey(id), $"ErrorIds.{constant} ('{id}') is not listed in docs/errors.md");
    }

    [Fact]
    public void Every_id_of_the_module_table_is_a_constant()
    {
        var values = Constants().Values.ToHashSet(StringComparer.Ordinal);
        var missing = ModuleTable().Keys.Where(id => !values.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "docs/errors.md lists ids ErrorIds does not have: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_api_names_the_module_falls_back_to_are_constants_listed_with_the_api()
    {
        foreach (var name in new[] { ErrorIds.ProductNotAllowedException, ErrorIds.ProductNotFoundException, ErrorIds.ProductFormatException })
        {
            Assert.True(ApiTable().ContainsKey(name), name);
            Assert.False(ModuleTable().ContainsKey(name), name + " is the API's name, not the module's");
        }
    }

    [Fact]
    public void No_listed_id_is_left_pending()
    {
        var pending = ModuleTable().Where(p => p.Value).Select(p => p.Key).ToList();
        Assert.True(pending.Count == 0, $"docs/errors.md marks {string.Join(", ", pending)} as {Pending}: every listed id is written by the module now.");
    }

    /// <summary>A test source that expects the id: as an ErrorId literal ("Id") or the start of a FullyQualifiedErrorId ('Id,...').</summary>
    [Theory]
    [MemberData(nameof(ModuleIds))]
    public void A_test_produces_every_listed_id(string id)
    {
        string pattern = id.EndsWith("<status>", StringComparison.Ordinal)
            ? "[\"']" + Regex.Escape(id[..^"<status>".Length]) + "[0-9]{3}[,\"']"
            : "[\"']" + Regex.Escape(id) + "[,\"']";
        var sources = Directory.GetFiles(Path.Combine(Root, "tests"), "*.Tests.ps1")
            .Concat(Directory.GetFiles(Path.Combine(Root, "tests", "SecuConnect.Tests"), "*.cs"))
            .Where(f => !f.EndsWith(nameof(ErrorTableTests) + ".cs", StringComparison.Ordinal));
        Assert.True(sources.Any(f => Regex.IsMatch(File.ReadAllText(f), pattern)), $"No test expects the ErrorId {id}");
    }

    [Fact]
    public void No_site_writes_an_error_id_as_a_string_literal()
    {
        var literal = new Regex(@"(Errors\.Argument\(|new ErrorRecord\([^,]+,\s*|new SecuApiException\(SecuErrorKind\.\w+,\s*|ErrorId\s*==\s*|\(SecuErrorKind\.\w+,\s*(name \?\? )?)""", RegexOptions.CultureInvariant);
        var offending = Directory.GetFiles(Path.Combine(Root, "src", "SecuConnect"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, line, i)))
            .Where(x => literal.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offending.Count == 0, "Use ErrorIds: " + string.Join(Environment.NewLine, offending));
    }
}

/// <summary>The bulk cmdlets ask only through SecuBulkCmdlet.ShouldSend, which asks nothing once a run has stopped sending.</summary>
public class ShouldProcessGuardTests
{
    private static readonly MethodInfo[] Asking = typeof(System.Management.Automation.Cmdlet).GetMethods()
        .Where(m => m.Name is "ShouldProcess" or "ShouldContinue").ToArray();

    public static IEnumerable<object[]> BulkTypes() =>
        typeof(SecuBulkCmdlet).Assembly.GetTypes()
            .Where(t => Outermost(t) is var o && typeof(SecuBulkCmdlet).IsAssignableFrom(o))
            .Select(t => new object[] { t.FullName! });

    private static Type Outermost(Type t)
    {
        while (t.DeclaringType != null) t = t.DeclaringType;
        return t;
    }

    [Fact]
    public void The_base_hides_no_ShouldProcess()
    {
        var hidden = typeof(SecuBulkCmdlet).GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.Name is "ShouldProcess" or "ShouldContinue");
        Assert.Empty(hidden);
    }

    [Theory]
    [MemberData(nameof(BulkTypes))]
    public void Bulk_cmdlets_call_ShouldProcess_only_in_ShouldSend(string typeName)
    {
        var type = typeof(SecuBulkCmdlet).Assembly.GetType(typeName)!;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var callers = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all))
            .Where(m => !(type == typeof(SecuBulkCmdlet) && m.Name == "ShouldSend"))
            .Where(m => Calls(m).Any(c => Asking.Contains(c)))
            .Select(m => m.Name)
            .ToList();
        Assert.True(callers.Count == 0, $"{typeName} asks outside ShouldSend in: {string.Join(", ", callers)}");
    }

    [Fact]
    public void The_scan_finds_a_ShouldProcess_call()
    {
        var shouldSend = typeof(SecuBulkCmdlet).GetMethod("ShouldSend", BindingFlags.Instance | BindingFlags.NonPublic)!;
        Assert.Contains(Calls(shouldSend), c => Asking.Contains(c));
    }

    /// <summary>The methods a body calls (call and callvirt with a method token).</summary>
    internal static IEnumerable<MethodBase> Calls(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il == null) yield break;
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != 0x28 && il[i] != 0x6F) continue;
            MethodBase? called = null;
            try { called = method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1), method.DeclaringType?.GetGenericArguments(),
                method.IsGenericMethod ? method.GetGenericArguments() : null); }
            catch (ArgumentException) { }
            catch (BadImageFormatException) { }
            if (called != null) yield return called;
        }
    }
}
