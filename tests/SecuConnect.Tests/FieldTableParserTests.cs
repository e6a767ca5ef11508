using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SecuConnect.FieldGenerator;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// The parser of Customers/CustomerFields.table that the field generator and the build share: a table that breaks a rule
/// fails the build with the line and the rule, and the format file's field lines replace the template's marker.
/// </summary>
public class FieldTableParserTests
{
    private const string Header = "# name place wire kind flags aliases\n";

    private static List<string> Errors(string row)
    {
        var errors = new List<string>();
        FieldTable.Parse(Header + "Forename contact forename text personal FirstName\n" + row + "\n", errors);
        return errors;
    }

    [Theory]
    [InlineData("Nickname contact nickname", "at least five columns")]
    [InlineData("Nickname contact nickname text personal Nick-Name", "'Nick-Name' is no name")]
    [InlineData("forename contact nickname text -", "forename is declared twice")]
    [InlineData("Nickname account nickname text -", "the place is contact, address or output")]
    [InlineData("Nickname contact nickname number -", "kind is text or date")]
    [InlineData("Nickname contact - text -", "a field needs its wire name")]
    [InlineData("Rating output rating - -", "an output property has no wire name or kind")]
    [InlineData("Nickname contact nickname text secret", "unknown flag 'secret'")]
    [InlineData("Nickname contact nickname text custom", "only an output property can be custom")]
    public void A_row_that_breaks_a_rule_is_reported_with_its_line(string row, string rule)
    {
        var error = Assert.Single(Errors(row));
        Assert.StartsWith("line 3: ", error);
        Assert.Contains(rule, error);
    }

    [Fact]
    public void A_row_gives_its_columns_flags_and_aliases()
    {
        var errors = new List<string>();
        var rows = FieldTable.Parse(Header + "\n  Country  address  country  text  personal,completer=CountryCompleter  Land  Pays\nId output - - -\n", errors);
        Assert.Empty(errors);
        Assert.Equal(2, rows.Count);
        var country = rows[0];
        Assert.Equal(("Country", "address", "country", "text", 3), (country.Name, country.Place, country.Wire, country.Kind, country.Line));
        Assert.True(country.IsField && country.InAddress && !country.IsDate && country.Has("personal"));
        Assert.Equal("CountryCompleter", country.Value("completer"));
        Assert.Equal(new[] { "Land", "Pays" }, country.Aliases);
        Assert.False(rows[1].IsField);
    }

    [Fact]
    public void The_field_lines_replace_the_marker_with_its_indentation()
    {
        var rows = FieldTable.Parse("Id output - - -\nEmail contact email text personal\nDateOfBirth contact dob date personal\n", new List<string>());
        string template = "<ListItems>\r\n  <ListItem><PropertyName>Id</PropertyName></ListItem>\r\n  " + FieldTable.Marker + "\r\n</ListItems>\r\n";
        string[] lines = FieldTable.FormatFile(template, rows).Split("\r\n");
        Assert.Equal("  <ListItem><PropertyName>Email</PropertyName></ListItem>", lines[2]);
        Assert.Equal(new[] { "  <ListItem>", "    <Label>DateOfBirth</Label>", "    <ScriptBlock>", "      $d = $_.DateOfBirth" }, lines[3..7]);
        Assert.Equal("</ListItems>", lines[^2]);
        Assert.DoesNotContain(lines, l => l.Contains("fields:", StringComparison.Ordinal));
    }

    private sealed class Table(string path, string text) : AdditionalText
    {
        public override string Path => path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private static GeneratorDriverRunResult Generate(params AdditionalText[] files)
    {
        var compilation = CSharpCompilation.Create("Fields", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(new[] { new CustomerFieldGenerator().AsSourceGenerator() }, ImmutableArray.Create(files));
        return driver.RunGenerators(compilation).GetRunResult();
    }

    [Fact]
    public void A_bad_table_fails_the_build_with_the_line_and_generates_nothing()
    {
        var result = Generate(new Table("/src/Customers/CustomerFields.table", Header + "Nickname contact - text -\n"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("SCF0001", DiagnosticSeverity.Error), (error.Id, error.Severity));
        Assert.Contains("/src/Customers/CustomerFields.table: line 2: a field needs its wire name", error.GetMessage());
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void A_project_without_the_table_fails_the_build()
    {
        var error = Assert.Single(Generate(new Table("/src/Other.table", Header)).Diagnostics);
        Assert.Equal(("SCF0002", DiagnosticSeverity.Error), (error.Id, error.Severity));
    }

    [Fact]
    public void A_table_gives_the_fields_parameters_output_properties_and_input_names()
    {
        var result = Generate(new Table("/src/Customers/CustomerFields.table",
            Header + "Id output - - -\nDateOfBirth contact dob date personal Dob\nCountry address country text completer=CountryCompleter\nContact output - - custom\n"));
        Assert.Empty(result.Diagnostics);
        var sources = result.GeneratedTrees.ToDictionary(t => System.IO.Path.GetFileName(t.FilePath), t => t.ToString());
        Assert.Equal(new[] { "Customer.g.cs", "CustomerFields.g.cs", "CustomerFieldsCmdlet.g.cs", "ReadOnlyInput.g.cs" }, sources.Keys.Order());
        Assert.Contains("public static readonly CustomerField DateOfBirth = new CustomerField(0, \"DateOfBirth\", \"dob\", false, FieldKind.Date, true, new[] { \"Dob\" }", sources["CustomerFields.g.cs"]);
        Assert.Contains("[Alias(\"Dob\")]\n        public object? DateOfBirth { get; set; }", sources["CustomerFieldsCmdlet.g.cs"]);
        Assert.Contains("[ArgumentCompleter(typeof(CountryCompleter))]\n        public string? Country { get; set; }", sources["CustomerFieldsCmdlet.g.cs"]);
        Assert.Contains("c => c.Country,", sources["CustomerFieldsCmdlet.g.cs"]);
        Assert.Contains("public object? Country { get => _fields[1]; set => Set(F.Country, value); }", sources["Customer.g.cs"]);
        Assert.Contains("public partial object? Contact { get; set; }", sources["Customer.g.cs"]);
        Assert.Contains("internal static readonly string[] OutputOnly = new[] { \"Id\", \"Contact\" };", sources["ReadOnlyInput.g.cs"]);
    }
}
