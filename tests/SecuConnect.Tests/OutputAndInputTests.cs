using System.Collections;
using System.Globalization;
using System.Management.Automation;
using SecuConnect.Api;
using SecuConnect.Commands;
using SecuConnect.Models;
using SecuConnect.Output;
using Xunit;

namespace SecuConnect.Tests;

public class OutputAndInputTests
{
    private static readonly string[] OutputOrder =
    {
        "Id", "Name", "Forename", "Surname", "CompanyName", "Salutation", "Gender", "Title", "Email", "Phone", "Mobile", "Fax",
        "DateOfBirth", "Picture", "Website", "Birthplace", "Nationality", "Street", "StreetNumber", "PostalCode", "City", "Country",
        "AdditionalAddressData", "AddressType", "Created", "Updated", "ContractId", "MerchantId", "Contact",
    };

    [Fact]
    public async Task Customer_output_is_flat_typed_and_in_order()
    {
        await Task.Yield();
        var customer = SecuJson.Deserialize<PaymentCustomer>(
            "{\"object\":\"payment.customers\",\"id\":\"PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW\"," +
            "\"contract\":{\"object\":\"payment.contracts\",\"id\":\"PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH\"}," +
            "\"contact\":{\"forename\":\"John\",\"surname\":\"Doe\",\"name\":\"John Doe\",\"dob\":\"1991-02-03T00:00:00+02:00\"," +
            "\"url_website\":\"www.example.com\",\"address\":{\"postal_code\":\"01234\",\"type\":\"invoice\"}},\"created\":\"2024-05-02T10:49:23+02:00\"}");

        var o = PSObject.AsPSObject(CustomerOutput.Create(customer));

        Assert.Equal("SecuConnect.Customer", o.TypeNames[0]);
        Assert.Equal(OutputOrder, o.Properties.Select(p => p.Name).ToArray());
        var dob = Assert.IsType<DateTime>(o.Properties["DateOfBirth"].Value);
        Assert.Equal(new DateTime(1991, 2, 3), dob);
        Assert.Equal(DateTimeKind.Unspecified, dob.Kind);
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
        Assert.Equal("Ada", contact!.Forename);
        Assert.Null(contact.Name);
        Assert.Equal("1815-12-10", contact.Dob);
        Assert.Equal("1234", contact.Address!.PostalCode);
        Assert.Equal("London", contact.Address.City);

        Assert.Null(CustomerInput.ContactFromObject("just text", out problem));
        Assert.NotNull(problem);
        Assert.Null(CustomerInput.ContactFromObject(new Hashtable { ["dob"] = "31.02.1991" }, out problem));
        Assert.Contains("dob", problem);
    }

    [Fact]
    public async Task Field_values_parse_the_date_of_birth_in_the_current_culture()
    {
        await Task.Yield();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var values = new FieldValues { ["DateOfBirth"] = "03.02.1901", ["City"] = "", ["Email"] = null };
            Assert.True(CustomerInput.TryToWire(values, out var wire, out _));
            Assert.Equal("1901-02-03", wire["DateOfBirth"]);
            Assert.Equal("", wire["City"]);
            Assert.False(wire.ContainsKey("Email"));

            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.True(CustomerInput.TryToWire(new FieldValues { ["DateOfBirth"] = "02/03/1901" }, out wire, out _));
            Assert.Equal("1901-02-03", wire["DateOfBirth"]);
            Assert.False(CustomerInput.TryToWire(new FieldValues { ["DateOfBirth"] = "03.02.1901x" }, out _, out var bad));
            Assert.Equal("03.02.1901x", bad);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
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
