using SecuConnect.Commands;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

public class ExportColumnsTests
{
    [Theory]
    [InlineData("Germany", "DE")]
    [InlineData("Deutschland", "DE")]
    [InlineData("  deutschland ", "DE")]
    [InlineData("Österreich", "AT")]
    [InlineData("Osterreich", "AT")]
    [InlineData("Schweiz", "CH")]
    [InlineData("Suisse", "CH")]
    [InlineData("United States", "US")]
    [InlineData("U.S.A.", "US")]
    [InlineData("United  Kingdom", "GB")]
    [InlineData("Nederland", "NL")]
    [InlineData("Ελλάδα", "GR")]
    [InlineData("Polska", "PL")]
    [InlineData("Ísland", "IS")]
    [InlineData("de", "DE")]
    [InlineData("JP", "JP")]
    public void Country_names_become_codes(string name, string code) => Assert.Equal(code, CountryNames.CodeOf(name));

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("XX")]
    [InlineData("")]
    public void Unknown_countries_have_no_code(string name) => Assert.Null(CountryNames.CodeOf(name));

    [Fact]
    public void Every_EU_and_EEA_country_and_CH_GB_US_has_a_name()
    {
        var codes = new System.Collections.Generic.HashSet<string>();
        foreach (var entry in CountryNames.Names) codes.Add(entry.Value);
        foreach (var code in "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH GB US".Split(' '))
            Assert.Contains(code, codes);
    }

    [Theory]
    [InlineData("Hauptstraße 5", "DE", "Hauptstraße", "5")]
    [InlineData("Via Roma, 10", "IT", "Via Roma", "10")]
    [InlineData("Am Markt 12a", "AT", "Am Markt", "12a")]
    [InlineData("1600 Amphitheatre Parkway", "US", "Amphitheatre Parkway", "1600")]
    [InlineData("10 Downing St.", "GB", "Downing St.", "10")]
    public void A_number_is_split_off_when_that_is_certain(string street, string country, string name, string number)
    {
        Assert.True(StreetSplit.TrySplit(street, CountryNames.NumberPositionOf(country), out var n, out var num));
        Assert.Equal(name, n);
        Assert.Equal(number, num);
    }

    [Theory]
    [InlineData("Straße des 17. Juni 135", "DE")]
    [InlineData("Hauptstraße 5-7", "DE")]
    [InlineData("Hauptstraße 5 a", "DE")]
    [InlineData("Route 66", "US")]
    [InlineData("Main Street 5", "US")]
    [InlineData("5 Hauptstraße", "DE")]
    [InlineData("Hauptstraße 5", null)]
    [InlineData("12 rue de la Paix", "LU")]
    [InlineData("Hauptstraße ٥", "DE")]
    public void A_street_stays_as_written_when_in_doubt(string street, string? country) =>
        Assert.False(StreetSplit.TrySplit(street, CountryNames.NumberPositionOf(country), out _, out _));

    [Fact]
    public void Every_declared_column_is_found_by_its_header_and_names_no_field()
    {
        foreach (var (field, column) in ExportColumns.Single)
        {
            Assert.True(ExportColumns.IndexOf(column) >= 0, column);
            Assert.Null(CustomerFields.Find(column));
        }
        foreach (var group in ExportColumns.AddressGroups)
            foreach (var (field, column) in group.Columns)
            {
                Assert.True(ExportColumns.IndexOf(column) >= 0, column);
                Assert.Null(CustomerFields.Find(column));
            }
    }
}
