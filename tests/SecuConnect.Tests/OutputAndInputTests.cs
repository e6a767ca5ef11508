using System.Collections;
using System.Globalization;
using System.Management.Automation;
using SecuConnect.Core;
using SecuConnect.Customers;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

public class OutputAndInputTests
{
    private static readonly string[] OutputOrder =
    {
        "Id", "Name", "Forename", "Surname", "CompanyName", "Salutation", "Gender", "Title", "Email", "Phone", "Mobile", "Fax",
        "DateOfBirth", "Picture", "Website", "Birthplace", "Nationality", "Street", "StreetNumber", "PostalCode", "City", "Country",
        "AdditionalAddressData", "AddressType", "Created", "Updated", "ContractId", "MerchantId", "AdditionalProperties", "Contact",
    };

    [Fact]
    public void A_rows_own_properties_are_read_as_PSObject_Properties_reads_them()
    {
        // New and Set read a CSV row's note properties through PSObject's internal member list (faster than
        // Properties, which integrates adapter members for every row). On the PowerShell the module is built and
        // tested against, that list must exist and give what the public path gives, in the same order.
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("FirstName", "Ada"));
        row.Properties.Add(new PSNoteProperty("e-mail", "ada@example.com"));
        row.Properties.Add(new PSNoteProperty("Notes", null));
        Assert.IsType<PSCustomObject>(row.BaseObject);
        Assert.NotNull(CustomerFieldsCmdlet.InstanceMembers);

        var fast = ((IEnumerable)CustomerFieldsCmdlet.InstanceMembers(row)).OfType<PSNoteProperty>().Select(p => (p.Name, p.Value));
        var slow = row.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty).Select(p => (p.Name, p.Value));
        Assert.Equal(slow.ToArray(), fast.ToArray());
    }

    [Fact]
    public async Task Customer_output_is_flat_typed_and_in_order()
    {
        await Task.Yield();
        var customer = ModelJsonRead.Customer(
            "{\"object\":\"payment.customers\",\"id\":\"PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW\"," +
            "\"contract\":{\"object\":\"payment.contracts\",\"id\":\"PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH\"}," +
            "\"contact\":{\"forename\":\"John\",\"surname\":\"Doe\",\"name\":\"John Doe\",\"dob\":\"1991-02-03T00:00:00+02:00\"," +
            "\"url_website\":\"www.example.com\",\"address\":{\"postal_code\":\"01234\",\"type\":\"invoice\"}},\"created\":\"2024-05-02T10:49:23+02:00\"}");

        var o = PSObject.AsPSObject(CustomerOutput.Create(customer));

        Assert.Equal("SecuConnect.Customer", o.TypeNames[0]);
        Assert.Equal(OutputOrder, o.Properties.Select(p => p.Name).ToArray());
        // An ISO date string: Export-Csv writes it so that every culture reads the same date back.
        Assert.Equal("1991-02-03", o.Properties["DateOfBirth"].Value);
        var created = Assert.IsType<DateTimeOffset>(o.Properties["Created"].Value);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 49, 23, TimeSpan.FromHours(2)), created);
        Assert.Null(o.Properties["Updated"].Value);
        Assert.Null(o.Properties["MerchantId"].Value);
        Assert.Null(o.Properties["Email"].Value);
        Assert.Equal("01234", o.Properties["PostalCode"].Value);
        Assert.Equal("invoice", o.Properties["AddressType"].Value);
        Assert.Equal("www.example.com", o.Properties["Website"].Value);
        Assert.Equal("PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH", o.Properties["ContractId"].Value);
        var contact = Assert.IsType<PSObject>(o.Properties["Contact"].Value);
        Assert.Equal("John", contact.Properties["forename"].Value);
    }

    [Fact]
    public async Task Contact_parameter_reads_hashtables_in_the_api_shape()
    {
        await Task.Yield();
        var table = new Hashtable
        {
            ["Forename"] = "Ada", ["name"] = "ignored", ["dob"] = "1815-12-10",
            ["address"] = new Hashtable { ["postal_code"] = 1234, ["city"] = "London" },
        };
        var contact = CustomerInput.ContactFromObject(table, out var problem);
        Assert.Null(problem);
        Assert.Equal("Ada", contact![CustomerFields.Forename]);
        Assert.Null(contact.Name);
        Assert.Equal("1815-12-10", contact[CustomerFields.DateOfBirth]);
        Assert.Equal("1234", contact[CustomerFields.PostalCode]);
        Assert.Equal("London", contact[CustomerFields.City]);
        Assert.Null(contact.Unknown);

        // A key the user typed that names no field is an error that suggests the nearest one.
        Assert.Null(CustomerInput.ContactFromObject(new Hashtable { ["emial"] = "x@example.com" }, out problem));
        Assert.Contains("'emial'", problem);
        Assert.Contains("'email'", problem);

        Assert.Null(CustomerInput.ContactFromObject("just text", out problem));
        Assert.NotNull(problem);
        Assert.Null(CustomerInput.ContactFromObject(new Hashtable { ["dob"] = "31.02.1991" }, out problem));
        Assert.Contains("dob", problem);
    }

    [Theory]
    [InlineData("de-DE", "03.02.1901", "1901-02-03")]
    [InlineData("en-US", "03.02.1901", "1901-02-03")]
    [InlineData("en-US", "1901-02-03", "1901-02-03")]
    [InlineData("ja-JP", "1901/02/03 0:00:00", "1901-02-03")]
    [InlineData("en-GB", "1901-2-3", "1901-02-03")]
    [InlineData("", "19010203", "1901-02-03")]
    [InlineData("", "1901-02-03T00:00:00+01:00", "1901-02-03")]
    [InlineData("en-US", "13/02/1901 00:00:00", "1901-02-13")]
    [InlineData("en-US", "02/13/1901", "1901-02-13")]
    [InlineData("en-GB", "03/03/1901", "1901-03-03")]
    [InlineData("en-US", "3 February 1901", "1901-02-03")]
    [InlineData("en-US", "February 3, 1901", "1901-02-03")]
    [InlineData("de-DE", "3. Februar 1901", "1901-02-03")]
    [InlineData("fr-FR", "03-Feb-1901", "1901-02-03")]
    public void Dates_read_the_same_under_every_culture(string culture, string text, string wire)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture);
            var values = new object[CustomerFields.Count];
            values[CustomerFields.DateOfBirth.Index] = text;
            values[CustomerFields.City.Index] = "";
            Assert.Null(CustomerInput.ToWire(values, null, out var result, out var ambiguous));
            Assert.Null(ambiguous);
            Assert.Equal(wire, result[CustomerFields.DateOfBirth.Index]);
            Assert.Equal("", result[CustomerFields.City.Index]);
            Assert.Null(result[CustomerFields.Email.Index]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("02/03/1901", "1901-03-02", "1901-02-03")]
    [InlineData("02-03-1901 00:00:00", "1901-03-02", "1901-02-03")]
    public void Day_and_month_that_could_swap_are_ambiguous_never_guessed(string text, string dayFirst, string monthFirst)
    {
        var values = new object[CustomerFields.Count];
        values[CustomerFields.DateOfBirth.Index] = text;
        Assert.Null(CustomerInput.ToWire(values, null, out var wire, out var ambiguous));
        Assert.Null(wire[CustomerFields.DateOfBirth.Index]);
        Assert.Equal(dayFirst, DateOfBirthParser.ToWire(ambiguous!.DayFirst));
        Assert.Equal(monthFirst, DateOfBirthParser.ToWire(ambiguous.MonthFirst));
        Assert.Contains(text, ambiguous.Message);
    }

    [Theory]
    [InlineData("03.02.1901x")]
    [InlineData("02/03/01")]
    [InlineData("31.02.1901")]
    [InlineData("13/13/1901")]
    [InlineData("12345")]
    [InlineData("tomorrow")]
    [InlineData("the third of February")]
    public void Values_that_are_no_date_are_refused(string text)
    {
        var values = new object[CustomerFields.Count];
        values[CustomerFields.DateOfBirth.Index] = text;
        var error = CustomerInput.ToWire(values, null, out _, out _);
        Assert.Equal("InvalidDateOfBirth", error!.FullyQualifiedErrorId);
        Assert.Contains("'" + text + "'", error.Exception.Message);
    }

    [Theory]
    [InlineData("PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW", true)]
    [InlineData("PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW\n", false)]
    [InlineData(" PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW", false)]
    [InlineData("pcu_3BBSV6C702NCA4HR70ZAVCAX3R6CAW", false)]
    [InlineData("PCU_3bbsv6c702nca4hr70zavcax3r6caw", false)]
    [InlineData("PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CA", false)]
    [InlineData("PCR_3BBSV6C702NCA4HR70ZAVCAX3R6CAW", false)]
    [InlineData("", false)]
    public void Customer_ids_are_exactly_PCU_and_thirty_upper_case_alphanumerics(string id, bool valid)
    {
        Assert.Equal(valid, CustomerIds.IsValid(id));
    }
}
