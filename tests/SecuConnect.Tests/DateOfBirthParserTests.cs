using System.Globalization;
using SecuConnect.Core;
using SecuConnect.Customers;
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
    [InlineData("02-03-1991")]
    public void Slashes_or_hyphens_with_day_and_month_up_to_12_are_ambiguous_under_every_culture(string text)
    {
        foreach (var culture in new[] { German, Invariant, CultureInfo.GetCultureInfo("en-US"), CultureInfo.GetCultureInfo("en-GB") })
        {
            Assert.Equal(DateReading.Ambiguous, DateOfBirthParser.Read(text, culture, out var dayFirst, out var monthFirst));
            Assert.Equal(new DateTime(1991, 3, 2), dayFirst);
            Assert.Equal(new DateTime(1991, 2, 3), monthFirst);
            Assert.False(DateOfBirthParser.TryParse(text, culture, out _));
        }
    }

    [Fact]
    public void What_earlier_versions_exported_reads_as_the_date_or_as_an_ambiguity_that_holds_it()
    {
        var dob = new DateTime(1901, 3, 2);
        foreach (var name in new[] { "de-DE", "", "en-US", "en-GB", "fr-FR", "ja-JP", "nl-NL" })
        {
            var culture = name.Length == 0 ? Invariant : CultureInfo.GetCultureInfo(name);
            string written = dob.ToString(culture); // what Export-Csv wrote for a [datetime]
            var reading = DateOfBirthParser.Read(written, German, out var a, out var b);
            Assert.True(reading == DateReading.Exact ? a == dob : reading == DateReading.Ambiguous && (a == dob || b == dob), culture.Name + ": " + written);
        }
    }

    [Fact]
    public void The_output_form_reads_back_exactly_under_every_culture()
    {
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures).Take(400))
        {
            Assert.True(DateOfBirthParser.TryParse("1901-03-02", culture, out var read), culture.Name);
            Assert.Equal(new DateTime(1901, 3, 2), read);
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

    [Theory]
    [InlineData("۱۹۷۰-۰۴-۰۳")]
    [InlineData("١٩٧٠-٠٤-٠٣")]
    [InlineData("٠٣.٠٤.١٩٧٠")]
    [InlineData("１９７０/０４/０３")]
    [InlineData("19700403")]
    public void Digits_of_any_script_read_as_their_ascii_digits(string text)
    {
        Assert.Equal(DateReading.Exact, DateOfBirthParser.Read(text, CultureInfo.GetCultureInfo("fa-IR"), out var date, out _));
        Assert.Equal(new DateTime(1970, 4, 3), date);
    }

    [Fact]
    public void A_number_reads_as_its_text_does()
    {
        Assert.True(DateOfBirthParser.TryParse(19700403, Invariant, out var date));
        Assert.Equal(new DateTime(1970, 4, 3), date);
        Assert.True(DateOfBirthParser.TryParse(19700403L, Invariant, out date));
        Assert.Equal(new DateTime(1970, 4, 3), date);
        Assert.Equal(DateReading.Invalid, DateOfBirthParser.Read(19701399, Invariant, out _, out _));
    }

    [Fact]
    public void The_first_and_the_last_day_of_a_month_are_dates()
    {
        foreach (var (text, expected) in new[]
        {
            ("1991-02-01", new DateTime(1991, 2, 1)), ("1991-02-28", new DateTime(1991, 2, 28)),
            ("1992-02-29", new DateTime(1992, 2, 29)), ("1991-12-31", new DateTime(1991, 12, 31)),
            ("01.01.1970", new DateTime(1970, 1, 1)), ("31/12/1970", new DateTime(1970, 12, 31)),
        })
        {
            Assert.Equal(DateReading.Exact, DateOfBirthParser.Read(text, Invariant, out var date, out _));
            Assert.Equal(expected, date);
        }
    }

    [Fact]
    public void Year_one_is_the_first_year_and_year_zero_is_none()
    {
        Assert.True(DateOfBirthParser.TryParse("0001-01-01", Invariant, out var date));
        Assert.Equal(new DateTime(1, 1, 1), date);
        Assert.False(DateOfBirthParser.TryParse("0000-01-01", Invariant, out _));
    }

    [Theory]
    [InlineData("1991-00-10")]
    [InlineData("1991-13-10")]
    [InlineData("1991-02-00")]
    [InlineData("1991-01-32")]
    [InlineData("1991-02-29")]
    [InlineData("0000-12-31")]
    [InlineData("00/13/1991")]
    [InlineData("32/13/1991")]
    public void A_date_needs_a_year_a_month_and_a_day_that_all_exist(string text)
    {
        Assert.Equal(DateReading.Invalid, DateOfBirthParser.Read(text, Invariant, out _, out _));
    }

    [Theory]
    [InlineData("3 December 1970")]
    [InlineData("December 3, 1970")]
    [InlineData("03-Dec-1970")]
    public void A_month_written_as_a_word_names_the_month_up_to_December(string text)
    {
        Assert.True(DateOfBirthParser.TryParse(text, German, out var date));
        Assert.Equal(new DateTime(1970, 12, 3), date);
    }

    [Fact]
    public void A_month_named_in_its_genitive_form_is_that_month()
    {
        Assert.True(DateOfBirthParser.TryParse("3 grudnia 1970", CultureInfo.GetCultureInfo("pl-PL"), out var date));
        Assert.Equal(new DateTime(1970, 12, 3), date);
    }

    [Fact]
    public void A_month_word_without_a_year_of_four_digits_is_not_a_date()
    {
        Assert.False(DateOfBirthParser.TryParse("3 April 70", Invariant, out _));
        Assert.False(DateOfBirthParser.TryParse("3 April 70", CultureInfo.GetCultureInfo("en-US"), out _));
    }

    [Theory]
    [InlineData("03/04/1970 GMT")]
    [InlineData("1970-04-03 GMT")]
    public void Letters_that_name_no_month_leave_the_numbers_undecided(string text)
    {
        foreach (var culture in new[] { Invariant, CultureInfo.GetCultureInfo("en-US"), CultureInfo.GetCultureInfo("en-GB"), German })
            Assert.Equal(DateReading.Invalid, DateOfBirthParser.Read(text, culture, out _, out _));
    }

    [Fact]
    public void The_callers_culture_names_the_month_not_the_current_one()
    {
        var current = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = Invariant;
            Assert.True(DateOfBirthParser.TryParse("3. März 1970", German, out var date));
            Assert.Equal(new DateTime(1970, 3, 3), date);
            Assert.False(DateOfBirthParser.TryParse("3. März 1970", null!, out _));
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
        }
    }

    [Fact]
    public void A_wire_value_of_exactly_a_date_reads_and_a_shorter_one_does_not()
    {
        Assert.Equal(new DateTime(1991, 2, 3), DateOfBirthParser.FromWire("1991-02-03"));
        Assert.Null(DateOfBirthParser.FromWire("1991-02-3"));
        Assert.Null(DateOfBirthParser.FromWire(null));
    }

    [Fact]
    public void Normalizing_a_wire_value_keeps_its_date_and_leaves_a_non_date_as_given()
    {
        Assert.Equal("1991-02-03", DateOfBirthParser.NormalizeWire("1991-02-03T00:00:00+02:00"));
        Assert.Equal("1991-02-03", DateOfBirthParser.NormalizeWire("1991-02-03"));
        Assert.Equal("garbage", DateOfBirthParser.NormalizeWire("garbage"));
    }

    [Theory]
    [InlineData("da-DK")]
    [InlineData("fi-FI")]
    public void A_date_with_a_time_written_with_dots_reads_as_its_date(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        var dob = new DateTime(1970, 12, 31);
        string written = dob.ToString(culture); // 31.12.1970 00.00.00, what Export-Csv writes there
        Assert.Equal(DateReading.Exact, DateOfBirthParser.Read(written, culture, out var date, out _));
        Assert.Equal(dob, date);
    }
}
