using System.Management.Automation;
using System.Reflection;
using Newtonsoft.Json.Linq;
using SecuConnect.Api;
using SecuConnect.Commands;
using SecuConnect.Models;
using SecuConnect.Output;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// The field table is the one place a customer field is declared: every entry must reach the JSON reader and writer,
/// the output object, the merge, the parameters of New and Set (with the same aliases), Debug masking and completion.
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

    [Theory]
    [MemberData(nameof(Fields))]
    public void New_and_Set_declare_the_parameter_with_the_table_aliases(string name)
    {
        var field = Field(name);
        foreach (var type in new[] { typeof(NewSecuCustomerCommand), typeof(SetSecuCustomerCommand) })
        {
            var property = type.GetProperty(field.Name, BindingFlags.Public | BindingFlags.Instance);
            Assert.NotNull(property);
            var parameter = property!.GetCustomAttributes<ParameterAttribute>().Single();
            Assert.True(parameter.ValueFromPipelineByPropertyName);
            var aliases = property.GetCustomAttribute<AliasAttribute>()?.AliasNames.ToArray() ?? Array.Empty<string>();
            Assert.Equal(field.Aliases, aliases);
        }
        // The output object has the property, and the parameters and output properties are exactly the table.
        Assert.NotNull(typeof(Customer).GetProperty(field.Name));
    }

    [Fact]
    public void The_field_parameters_are_exactly_the_table()
    {
        var declared = typeof(CustomerFieldsCmdlet).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any()).Select(p => p.Name);
        Assert.Equal(CustomerFields.Names.OrderBy(n => n), declared.OrderBy(n => n));
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
