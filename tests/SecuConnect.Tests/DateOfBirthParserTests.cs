using System.Globalization;
using SecuConnect.Api;
using Xunit;

namespace SecuConnect.Tests;

public class DateOfBirthParserTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Theory]
    [InlineData("1991-02-03")]
    [InlineData("1991-02-03T00:00:00+00:00")]
    [InlineData("1991-02-03T00:00:00+02:00")]
    [InlineData("1991-02-03T00:00:00-05:00")]
    [InlineData(" 1991-02-03 ")]
    public void Iso_comes_first_under_any_culture_without_a_zone_shift(string text)
    {
        foreach (var culture in new[] { German, Invariant, CultureInfo.GetCultureInfo("en-US") })
        {
            Assert.True(DateOfBirthParser.TryParse(text, culture, out var date), culture.Name);
            Assert.Equal(new DateTime(1991, 2, 3), date);
            Assert.Equal(DateTimeKind.Unspecified, date.Kind);
        }
    }

    [Theory]
    [InlineData("03.02.1991")]
    [InlineData("03.02.1991 00:00:00")]
    [InlineData("3.2.1991")]
    public void German_culture_reads_day_before_month(string text)
    {
        Assert.True(DateOfBirthParser.TryParse(text, German, out var date));
        Assert.Equal(new DateTime(1991, 2, 3), date);
    }

    [Theory]
    [InlineData("02/03/1991")]
    [InlineData("02/03/1991 00:00:00")]
    public void Invariant_culture_reads_month_before_day(string text)
    {
        Assert.True(DateOfBirthParser.TryParse(text, Invariant, out var date));
        Assert.Equal(new DateTime(1991, 2, 3), date);
    }

    [Fact]
    public void German_falls_back_to_the_invariant_patterns()
    {
        Assert.True(DateOfBirthParser.TryParse("02/03/1991", German, out var date));
        Assert.Equal(new DateTime(1991, 2, 3), date);
    }

    [Fact]
    public void Export_then_import_round_trips_under_the_same_culture()
    {
        var dob = new DateTime(1901, 3, 2);
        foreach (var culture in new[] { German, Invariant, CultureInfo.GetCultureInfo("en-US"), CultureInfo.GetCultureInfo("fr-FR") })
        {
            string written = dob.ToString(culture); // what Export-Csv writes for a [datetime]
            Assert.True(DateOfBirthParser.TryParse(written, culture, out var read), culture.Name + ": " + written);
            Assert.Equal(dob, read);
        }
    }

    [Theory]
    [InlineData("1991-02-30")]
    [InlineData("31.02.1991")]
    [InlineData("yesterday")]
    [InlineData("1991")]
    [InlineData("")]
    [InlineData("   ")]
    public void Not_a_date_is_refused(string text)
    {
        Assert.False(DateOfBirthParser.TryParse(text, German, out _));
        Assert.False(DateOfBirthParser.TryParse(text, Invariant, out _));
    }

    [Fact]
    public void Typed_dates_keep_their_date_part()
    {
        Assert.True(DateOfBirthParser.TryParse(new DateTime(1991, 2, 3, 23, 59, 0, DateTimeKind.Utc), German, out var d1));
        Assert.Equal(new DateTime(1991, 2, 3), d1);
        Assert.Equal(DateTimeKind.Unspecified, d1.Kind);
        Assert.True(DateOfBirthParser.TryParse(new DateTimeOffset(1991, 2, 3, 0, 0, 0, TimeSpan.FromHours(2)), German, out var d2));
        Assert.Equal(new DateTime(1991, 2, 3), d2);
        Assert.False(DateOfBirthParser.TryParse(42, German, out _));
    }

    [Fact]
    public void Wire_values_are_read_without_shifting()
    {
        Assert.Equal(new DateTime(1991, 2, 3), DateOfBirthParser.FromWire("1991-02-03T00:00:00+02:00"));
        Assert.Equal("1991-02-03", DateOfBirthParser.ToWire(new DateTime(1991, 2, 3)));
        Assert.Null(DateOfBirthParser.FromWire("garbage"));
    }
}
