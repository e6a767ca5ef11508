using System.Management.Automation;
using System.Reflection;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// The field table (Customers/CustomerFields.table) is the one place a customer field is declared: every entry must reach
/// the JSON reader and writer, the output object, the merge, the parameters of New and Set (with the same aliases),
/// the format view, the names input matching knows, Debug masking and completion.
/// </summary>
public class FieldTableTests
{
    public static IEnumerable<object[]> Fields() => CustomerFields.All.Select(f => new object[] { f.Name });

    private static CustomerField Field(string name) => CustomerFields.All.Single(f => f.Name == name);

    private static string ContactJson(CustomerField field, string value) => field.InAddress
        ? $"{{\"contact\":{{\"address\":{{\"{field.WireName}\":\"{value}\"}}}}}}"
        : $"{{\"contact\":{{\"{field.WireName}\":\"{value}\"}}}}";

    [Theory]
    [MemberData(nameof(Fields))]
    public void Reader_writer_output_and_merge_carry_the_field(string name)
    {
        var field = Field(name);
        string value = field.Kind == FieldKind.Date ? "1991-02-03" : "v-" + field.WireName;
        var customer = ModelJsonRead.Customer(ContactJson(field, value));
        Assert.Equal(value, customer.Contact![field]);
        Assert.Null(customer.Contact.Unknown);
        Assert.Null(customer.Contact.UnknownInAddress);
        Assert.Equal(ContactJson(field, value), ModelJson.Serialize(PaymentCustomerRequest.For(customer.Contact)));

        var output = PSObject.AsPSObject(CustomerOutput.Create(customer));
        Assert.Equal(value, output.Properties[field.Name].Value);

        var values = new string[CustomerFields.Count];
        values[field.Index] = "";
        Assert.Null(ContactMerger.Merge(customer.Contact, values, null)[field]);
        Assert.Null(ContactMerger.Merge(customer.Contact, null, new[] { field })[field]);
    }

    // The declaration: Customers/CustomerFields.table in the source tree, read with the parser the generator and the build use.
    private static readonly List<FieldRow> Rows = ReadTable();

    private static List<FieldRow> ReadTable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SecuConnect.sln"))) dir = dir.Parent;
        if (dir == null) throw new InvalidOperationException("The repository root (SecuConnect.sln) was not found above " + AppContext.BaseDirectory);
        var errors = new List<string>();
        var rows = FieldTable.Parse(File.ReadAllText(Path.Combine(dir.FullName, "src", "SecuConnect", "Customers", "CustomerFields.table")), errors);
        Assert.Empty(errors);
        return rows;
    }

    public static IEnumerable<object[]> TableRows() => Rows.Select(r => new object[] { r.Name });

    private static readonly Type[] FieldCmdlets = { typeof(NewSecuCustomerCommand), typeof(SetSecuCustomerCommand) };

    private static string[] CustomerProperties() =>
        typeof(Customer).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToArray();

    /// <summary>The list view's items (property name or label), in order, from the format file the module ships.</summary>
    private static string[] ListViewItems()
    {
        var format = System.Xml.Linq.XDocument.Load(Path.Combine(AppContext.BaseDirectory, "SecuConnect.Format.ps1xml"));
        var list = format.Descendants("View").Single(v => v.Element("Name")?.Value == "SecuConnect.Customer" && v.Element("ListControl") != null);
        return list.Descendants("ListItem").Select(i => (i.Element("PropertyName") ?? i.Element("Label"))!.Value).ToArray();
    }

    [Theory]
    [MemberData(nameof(TableRows))]
    public void A_table_row_reaches_every_place_it_declares(string name)
    {
        var row = Rows.Single(r => r.Name == name);
        // SecuConnect.Customer has the property, at the row's place in the output order.
        Assert.Equal(Rows.IndexOf(row), Array.IndexOf(CustomerProperties(), name));
        if (!row.IsField)
        {
            // An output property: recognized in input as never sent, by its name and its other names; no field parameter, no field.
            foreach (var input in new[] { name }.Concat(row.Aliases)) Assert.Equal(name, ReadOnlyInput.CanonicalName(input));
            Assert.Null(CustomerFields.Find(name));
            Assert.Null(typeof(CustomerFieldsCmdlet).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly));
            return;
        }
        var field = CustomerFields.All[Rows.Where(r => r.IsField).ToList().IndexOf(row)];
        Assert.Equal((name, row.Wire, row.InAddress, row.IsDate ? FieldKind.Date : FieldKind.Text), (field.Name, field.WireName, field.InAddress, field.Kind));
        Assert.Equal((row.Has("personal"), row.Has("multiline"), !row.Has("wire-not-input")), (field.IsPersonal, field.MultiLine, field.WireNameIsInputName));
        Assert.Equal(row.Aliases, field.Aliases);
        foreach (var type in FieldCmdlets)
        {
            // A real property on the cmdlet, for the command line only (piped records bind to -InputObject), with the
            // row's aliases and completer; a date is [object].
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!;
            Assert.Equal(row.IsDate ? typeof(object) : typeof(string), property.PropertyType);
            var parameter = property.GetCustomAttributes<ParameterAttribute>().Single();
            Assert.False(parameter.ValueFromPipelineByPropertyName || parameter.ValueFromPipeline);
            Assert.Equal(row.Aliases, property.GetCustomAttribute<AliasAttribute>()?.AliasNames.ToArray() ?? Array.Empty<string>());
            Assert.Equal(row.Value("completer"), property.GetCustomAttribute<ArgumentCompleterAttribute>()?.Type?.Name);
        }
        // The list view shows it; a date through a script block that prints yyyy-MM-dd under every culture.
        Assert.Contains(name, ListViewItems());
    }

    [Fact]
    public void The_places_hold_exactly_the_table_in_its_order()
    {
        var fields = Rows.Where(r => r.IsField).Select(r => r.Name).ToArray();
        var outputOnly = Rows.Where(r => !r.IsField).Select(r => r.Name).ToArray();
        Assert.Equal(Rows.Select(r => r.Name), CustomerProperties());
        Assert.Equal(fields, CustomerFields.Names);
        Assert.Equal(outputOnly, ReadOnlyInput.OutputOnly);
        var parameters = typeof(CustomerFieldsCmdlet).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any()).Select(p => p.Name);
        Assert.Equal(fields, parameters);
        // The list view: Id and Name, the fields, then the timestamps and ids (the raw Contact and AdditionalProperties
        // repeat or extend the fields, so Format-List * shows them).
        var listed = Rows.Select(r => r.Name).Where(n => n != "AdditionalProperties" && n != "Contact");
        Assert.Equal(listed, ListViewItems());
    }

    [Fact]
    public void The_getter_of_each_field_reads_its_own_parameter()
    {
        // The generated getters (bound without reflection), by field index, as New and Set read them for every record.
        var getters = (Func<CustomerFieldsCmdlet, object>[])typeof(CustomerFieldsCmdlet)
            .GetField("Parameters", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var command = new SetSecuCustomerCommand();
        foreach (var field in CustomerFields.All) typeof(SetSecuCustomerCommand).GetProperty(field.Name)!.SetValue(command, "v-" + field.Name);
        Assert.Equal(CustomerFields.All.Select(f => (object)("v-" + f.Name)), getters.Select(g => g(command)));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Debug_masks_the_field_when_it_is_personal(string name)
    {
        var field = Field(name);
        string masked = LogMasker.MaskBody(ContactJson(field, "secret-value"));
        Assert.Equal(field.IsPersonal, !masked.Contains("secret-value"));
    }

    [Fact]
    public void Debug_masks_contact_members_the_module_does_not_model()
    {
        string masked = LogMasker.MaskBody("{\"contact\":{\"ident\":[\"x-1\",{\"n\":\"x-2\"}],\"address\":{\"geo\":\"x-3\"}},\"id\":\"PCU_1\"}");
        Assert.DoesNotContain("x-", masked);
        Assert.Contains("PCU_1", masked);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Completion_and_lookup_know_the_field(string name)
    {
        var field = Field(name);
        var completions = new FieldNameCompleter().CompleteArgument("Set-SecuCustomer", "Clear", field.Name.Substring(0, 3), null!, null!);
        Assert.Contains(completions, c => c.CompletionText == field.Name);
        Assert.Same(field, CustomerFields.Find(field.Name));
        Assert.Same(field, CustomerFields.Find(field.WirePath));
        Assert.Same(field.WireNameIsInputName ? field : null, CustomerFields.Find(field.WireName.ToUpperInvariant()));
        foreach (var alias in field.Aliases) Assert.Same(field, CustomerFields.Find(alias));
    }

    [Theory]
    [InlineData("first name", "Forename")]
    [InlineData("E-Mail", "Email")]
    [InlineData("Given_Name", "Forename")]
    [InlineData("Post Code", "PostalCode")]
    [InlineData("mobile phone", "Mobile")]
    [InlineData("EmailAddress", "Email")]
    [InlineData("contact.address.city", "City")]
    public void Common_column_names_find_their_field(string header, string name) =>
        Assert.Equal(name, CustomerFields.Find(header)?.Name);

    [Theory]
    [InlineData("Type")]
    [InlineData("Url")]
    [InlineData("Name")]
    [InlineData("Full Name")]
    public void Columns_that_exports_use_for_something_else_find_no_field(string header) =>
        Assert.Null(CustomerFields.Find(header));

    [Fact]
    public void No_name_or_alias_means_two_fields()
    {
        var keys = CustomerFields.All.SelectMany(f => new[] { f.Name, f.WireName }.Concat(f.Aliases).Select(k => (Key: CustomerFields.Normalize(k), f)));
        Assert.All(keys.GroupBy(k => k.Key), g => Assert.Single(g.Select(x => x.f).Distinct()));
    }
}
