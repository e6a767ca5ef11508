using System.Reflection;
using System.Reflection.Emit;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

public class ArchitectureTests
{
    private static readonly Assembly PowerShell = typeof(System.Management.Automation.PSObject).Assembly;

    public static IEnumerable<object[]> LowerLayerTypes() =>
        typeof(SecuConnection).Assembly.GetTypes()
            .Where(t => t.Namespace is "SecuConnect.Core" or "SecuConnect.Customers" or "SecuConnect.Containers" or "SecuConnect")
            .Select(t => new object[] { t.FullName! });

    [Theory]
    [MemberData(nameof(LowerLayerTypes))]
    public void Core_and_resources_use_no_PowerShell_type_below_the_cmdlet_layer(string typeName)
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
            "SecuConnect.PaymentContainer", "SecuConnect.Commands.ContainerIdCompleter",
            "SecuConnect.Commands.GetSecuPaymentContainerCommand", "SecuConnect.Commands.NewSecuPaymentContainerCommand",
            "SecuConnect.Commands.SetSecuPaymentContainerCommand", "SecuConnect.Commands.RemoveSecuPaymentContainerCommand",
        };
        var exported = typeof(SecuConnection).Assembly.GetExportedTypes().Select(t => t.FullName!).Order().ToArray();
        Assert.Equal(expected.Order().ToArray(), exported);
    }

    // Public core types users name, in the SecuConnect namespace.
    private static readonly string[] PublicPipelineTypes = { "SecuConnection", "SecuApiException", "SecuErrorKind", "SecuEnvironment", "BulkSummary" };

    public static IEnumerable<object[]> PipelineTypes() =>
        typeof(SecuConnection).Assembly.GetTypes()
            .Where(t => t.DeclaringType == null &&
                        (t.Namespace == "SecuConnect.Core" || (t.Namespace == "SecuConnect" && PublicPipelineTypes.Contains(t.Name))))
            .Select(t => new object[] { t.FullName! });

    [Theory]
    [MemberData(nameof(PipelineTypes))]
    public void The_pipeline_references_no_customer_type(string typeName)
    {
        var type = typeof(SecuConnection).Assembly.GetType(typeName)!;
        var offending = WithNested(type).SelectMany(UsedTypes).SelectMany(Expand)
            .Where(IsCustomerType).Select(t => t.FullName).Distinct().Order().ToList();
        Assert.True(offending.Count == 0, $"{typeName} uses {string.Join(", ", offending)}");
    }

    /// <summary>The cmdlet layer of the core: the types declared in the files under src/SecuConnect/Core/Cmdlets.</summary>
    public static IEnumerable<object[]> CoreCmdletTypes()
    {
        var folder = Path.Combine(ErrorTableTests.RepositoryRoot, "src", "SecuConnect", "Core", "Cmdlets");
        var declared = Directory.GetFiles(folder, "*.cs")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"^    (?:public|internal)[\w ]* (?:class|struct|interface|enum) (\w+)", System.Text.RegularExpressions.RegexOptions.Multiline))
            .Select(m => "SecuConnect.Commands." + m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("SecuConnect.Commands.SecuBulkCmdlet", declared);
        return declared.Select(t => new object[] { t });
    }

    [Theory]
    [MemberData(nameof(CoreCmdletTypes))]
    public void The_core_cmdlet_layer_references_no_resource_model(string typeName)
    {
        // The cmdlet bases and the core's cmdlets hand each call an ApiCall; each resource builds its own client from it.
        // A resource's cmdlet helpers (CustomerInput, ContainerOutput) share the core's namespace, so their folders say
        // which they are.
        var type = typeof(SecuConnection).Assembly.GetType(typeName)!;
        Assert.NotNull(type);
        var resourceFolders = DeclaredUnder("Customers").Concat(DeclaredUnder("Containers")).ToHashSet();
        var offending = WithNested(type).SelectMany(UsedTypes).SelectMany(Expand)
            .Select(t => { while (t.DeclaringType != null) t = t.DeclaringType; return t; })
            .Where(t => t.Assembly == typeof(SecuConnection).Assembly && (IsResourceModel(t) || resourceFolders.Contains(t.FullName!)))
            .Select(t => t.FullName).Distinct().Order().ToList();
        Assert.True(offending.Count == 0, $"{typeName} uses {string.Join(", ", offending)}");
    }

    /// <summary>The types declared in the .cs files under a folder of src/SecuConnect, by their full names.</summary>
    private static List<string> DeclaredUnder(string folder)
    {
        var root = Path.Combine(ErrorTableTests.RepositoryRoot, "src", "SecuConnect", folder);
        return Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                string ns = System.Text.RegularExpressions.Regex.Match(text, @"^namespace ([\w.]+)", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
                return System.Text.RegularExpressions.Regex.Matches(text, @"^    (?:public|internal)[\w ]* (?:class|struct|interface|enum) (\w+)", System.Text.RegularExpressions.RegexOptions.Multiline)
                    .Select(m => ns + "." + m.Groups[1].Value);
            }).Distinct().ToList();
    }

    public static IEnumerable<object[]> ContainerTypes()
    {
        var declared = DeclaredUnder("Containers");
        Assert.Contains("SecuConnect.Commands.SetSecuPaymentContainerCommand", declared);
        return declared.Select(t => new object[] { t });
    }

    // What a container may use of the customer resource: its model reader and output (a container embeds the
    // customer), and the form of a customer id with its refusal (a container links to a customer by it).
    private static readonly string[] CustomerModelReader =
    {
        "SecuConnect.Customers.ModelJson", "SecuConnect.Commands.CustomerOutput", "SecuConnect.Customer",
        "SecuConnect.Customers.PaymentCustomer", "SecuConnect.Customers.CustomerIds", "SecuConnect.Commands.CustomerErrors",
    };

    [Theory]
    [MemberData(nameof(ContainerTypes))]
    public void A_container_uses_the_customer_resource_only_through_its_model_reader(string typeName)
    {
        var type = typeof(SecuConnection).Assembly.GetType(typeName)!;
        Assert.NotNull(type);
        var customerFolder = DeclaredUnder("Customers");
        var offending = WithNested(type).SelectMany(UsedTypes).SelectMany(Expand)
            .Select(t => { while (t.DeclaringType != null) t = t.DeclaringType; return t; })
            .Where(t => t.Assembly == typeof(SecuConnection).Assembly && customerFolder.Contains(t.FullName!) && !CustomerModelReader.Contains(t.FullName))
            .Select(t => t.FullName).Distinct().Order().ToList();
        Assert.True(offending.Count == 0, $"{typeName} uses {string.Join(", ", offending)}");
    }

    private static bool IsResourceModel(Type t)
    {
        while (t.DeclaringType != null) t = t.DeclaringType;
        return t.Namespace is "SecuConnect.Customers" or "SecuConnect.Containers" || (t.Namespace == "SecuConnect" && t.Name is "Customer" or "PaymentContainer");
    }

    [Fact]
    public void The_customer_check_sees_calls_inside_method_bodies()
    {
        // SecuClient calls the customer field table and model reader only inside its methods: the IL scan must see them.
        var used = WithNested(typeof(SecuClient)).SelectMany(UsedTypes).SelectMany(Expand).Where(IsCustomerType).ToList();
        Assert.Contains(typeof(SecuConnect.Customers.PaymentCustomer), used);
        Assert.Contains(typeof(ModelJson), used);
    }

    [Theory]
    [MemberData(nameof(PipelineTypes))]
    public void The_pipeline_words_no_customer_message(string typeName)
    {
        // A resource's name and wording travel with its requests (ResourceDescriptor); the pipeline's own texts name none.
        var type = typeof(SecuConnection).Assembly.GetType(typeName)!;
        var texts = WithNested(type).SelectMany(Literals).Where(s => s.Contains("customer", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(texts.Count == 0, $"{typeName} says: {string.Join(" | ", texts)}");
    }

    private static bool IsCustomerType(Type t)
    {
        if (t.Assembly != typeof(SecuConnection).Assembly) return false;
        while (t.DeclaringType != null) t = t.DeclaringType;
        return t.Namespace switch
        {
            // A resource, and the cmdlet layer above the core, are out of the core's reach.
            "SecuConnect.Customers" or "SecuConnect.Containers" or "SecuConnect.Commands" => true,
            "SecuConnect" => t.Name is "Customer" or "PaymentContainer",
            _ => false,
        };
    }

    /// <summary>
    /// The folders are the architecture: src/SecuConnect/Core/ holds the core (namespace SecuConnect.Core), one folder
    /// per resource holds its model and rules (SecuConnect.Customers), a Cmdlets/ folder in either holds the PowerShell
    /// layer (SecuConnect.Commands), and the public types users name sit in SecuConnect. The reflection rules above
    /// work on namespaces; this ties each namespace to its folders.
    /// </summary>
    [Fact]
    public void Each_folder_holds_its_layer()
    {
        var root = Path.Combine(ErrorTableTests.RepositoryRoot, "src", "SecuConnect");
        var wrong = new List<string>();
        foreach (var file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)) continue;
            var parts = relative.Split('/');
            string ns = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+)", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
            bool cmdlets = parts.Contains("Cmdlets");
            string? layer = parts[0] switch { "Core" => "SecuConnect.Core", "Customers" => "SecuConnect.Customers", "Containers" => "SecuConnect.Containers", _ => null };
            bool ok = layer != null && (cmdlets ? ns == "SecuConnect.Commands" : ns == layer || ns == "SecuConnect")
                // The nullable attributes netstandard2.0 lacks, which the compiler knows only by their own namespace.
                || relative == "Core/NullableAttributes.cs" && ns == "System.Diagnostics.CodeAnalysis";
            if (!ok) wrong.Add($"{relative}: namespace {ns}");
        }
        Assert.True(wrong.Count == 0, "Files outside their layer's folder: " + string.Join("; ", wrong));
    }

    private static IEnumerable<Type> WithNested(Type type) =>
        new[] { type }.Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested));

    /// <summary>Every type a type names: its signatures, locals, and the members its method bodies call or read.</summary>
    private static IEnumerable<Type> UsedTypes(Type type)
    {
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
            if (body == null) continue;
            used.AddRange(body.LocalVariables.Select(l => l.LocalType));
            used.AddRange(BodyReferences(m, body.GetILAsByteArray()!));
        }
        return used.Where(t => t != null);
    }

    /// <summary>The string literals of a type's method bodies.</summary>
    private static IEnumerable<string> Literals(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            var il = m.GetMethodBody()?.GetILAsByteArray();
            if (il == null) continue;
            foreach (var (op, operand) in Instructions(il))
                if (op.OperandType == OperandType.InlineString) yield return m.Module.ResolveString(operand);
        }
    }

    /// <summary>The opcodes of a method body with their 4-byte token operands (0 for other operands).</summary>
    private static IEnumerable<(OpCode, int)> Instructions(byte[] il)
    {
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            int operand = 0;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget: case OperandType.ShortInlineI: case OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8: case OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                default: operand = BitConverter.ToInt32(il, i); i += 4; break;
            }
            yield return (op, operand);
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types of the members and tokens a method body's IL refers to.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method, byte[] il)
    {
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        return Instructions(il)
            .Where(x => x.Item1.OperandType is OperandType.InlineTok or OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField)
            .SelectMany(x => Resolve(method.Module, x.Item2, typeArgs, methodArgs)).ToList();
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        MemberInfo? member;
        try { member = module.ResolveMember(token, typeArgs, methodArgs); }
        catch (ArgumentException) { return Array.Empty<Type>(); }
        switch (member)
        {
            case Type t: return new[] { t };
            case FieldInfo f: return new[] { f.DeclaringType!, f.FieldType };
            case MethodInfo m: return new[] { m.DeclaringType!, m.ReturnType }.Concat(m.GetParameters().Select(p => p.ParameterType))
                .Concat(m.IsGenericMethod ? m.GetGenericArguments() : Array.Empty<Type>());
            case ConstructorInfo c: return new[] { c.DeclaringType! }.Concat(c.GetParameters().Select(p => p.ParameterType));
            default: return Array.Empty<Type>();
        }
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
