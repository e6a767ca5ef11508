using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;
using F = SecuConnect.Customers.CustomerFields;

namespace SecuConnect.Tests;

public class ContactMergerTests
{
    private static Contact Current()
    {
        var c = new Contact { Name = "Ada Lovelace", Unknown = JObject.Parse("{\"ident_service_ids\":[\"a\"]}") };
        c[F.Forename] = "Ada";
        c[F.Surname] = "Lovelace";
        c[F.Email] = "ada@example.com";
        c[F.Phone] = "0049123";
        c[F.DateOfBirth] = "1815-12-10T00:00:00+00:00";
        c[F.Street] = "Main";
        c[F.StreetNumber] = "1";
        c[F.PostalCode] = "01234";
        c[F.City] = "London";
        c[F.Country] = "GB";
        return c;
    }

    private static string[] Values(params (CustomerField Field, string? Value)[] pairs)
    {
        var values = new string[F.Count];
        foreach (var (field, value) in pairs) values[field.Index] = value!;
        return values;
    }

    [Fact]
    public void Fields_not_given_keep_their_values_and_unknown_members_survive()
    {
        var current = Current();
        var merged = ContactMerger.Merge(current, Values((F.Email, "new@example.com")), null);
        Assert.Equal("new@example.com", merged[F.Email]);
        Assert.Equal("Ada", merged[F.Forename]);
        Assert.Equal("0049123", merged[F.Phone]);
        Assert.Equal("London", merged[F.City]);
        Assert.Null(merged.Name);
        Assert.Equal("[\"a\"]", merged.Unknown!["ident_service_ids"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("ada@example.com", current[F.Email]);
        Assert.Equal("Ada Lovelace", current.Name);
    }

    [Fact]
    public void Null_keeps_and_empty_string_clears()
    {
        var merged = ContactMerger.Merge(Current(), Values((F.Phone, null), (F.Email, ""), (F.City, "")), null);
        Assert.Equal("0049123", merged[F.Phone]);
        Assert.Null(merged[F.Email]);
        Assert.Null(merged[F.City]);
        Assert.Equal("Main", merged[F.Street]);
    }

    [Fact]
    public void Clearing_every_address_field_leaves_no_address()
    {
        var merged = ContactMerger.Merge(Current(), null, new[] { F.Phone, F.Street, F.StreetNumber, F.PostalCode, F.City, F.Country });
        Assert.Null(merged[F.Phone]);
        Assert.False(merged.HasAddress);
        Assert.Equal("ada@example.com", merged[F.Email]);
        Assert.DoesNotContain("address", ModelJson.Serialize(PaymentCustomerRequest.For(merged)));
    }

    [Fact]
    public void A_create_leaves_empty_strings_out()
    {
        var built = ContactMerger.Merge(null, Values((F.Forename, "Ada"), (F.Email, ""), (F.City, "")), null);
        Assert.Equal("Ada", built[F.Forename]);
        Assert.Null(built[F.Email]);
        Assert.False(built.HasAddress);
    }

    [Fact]
    public void Unchanged_detects_a_no_op_merge_despite_the_dob_echo_format()
    {
        var current = Current();
        var same = ContactMerger.Merge(current, Values((F.DateOfBirth, "1815-12-10"), (F.Email, "ada@example.com")), null);
        Assert.True(ContactMerger.IsUnchanged(current, same));
        var changed = ContactMerger.Merge(current, Values((F.City, "Berlin")), null);
        Assert.False(ContactMerger.IsUnchanged(current, changed));
    }
}
