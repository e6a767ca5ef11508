using SecuConnect.Api;
using SecuConnect.Models;
using Xunit;

namespace SecuConnect.Tests;

public class ContactMergerTests
{
    private static Contact Current() => new()
    {
        Name = "Ada Lovelace", Forename = "Ada", Surname = "Lovelace", Email = "ada@example.com", Phone = "0049123",
        Dob = "1815-12-10T00:00:00+00:00",
        Address = new Address { Street = "Main", StreetNumber = "1", PostalCode = "01234", City = "London", Country = "GB" },
    };

    private static Dictionary<string, string?> Values(params (string, string?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public void Fields_not_given_keep_their_values()
    {
        var current = Current();
        var merged = ContactMerger.Merge(current, Values(("Email", "new@example.com")!), null);
        Assert.Equal("new@example.com", merged.Email);
        Assert.Equal("Ada", merged.Forename);
        Assert.Equal("0049123", merged.Phone);
        Assert.Equal("London", merged.Address!.City);
        Assert.Null(merged.Name);
        Assert.Equal("ada@example.com", current.Email);
        Assert.Equal("Ada Lovelace", current.Name);
    }

    [Fact]
    public void Null_keeps_and_empty_string_clears()
    {
        var merged = ContactMerger.Merge(Current(), Values(("Phone", null), ("Email", ""), ("City", "")), null);
        Assert.Equal("0049123", merged.Phone);
        Assert.Null(merged.Email);
        Assert.Null(merged.Address!.City);
        Assert.Equal("Main", merged.Address.Street);
    }

    [Fact]
    public void Clear_list_clears_by_name_or_alias_and_an_empty_address_goes()
    {
        var merged = ContactMerger.Merge(Current(), null, new[] { "phone", "Street", "street_number", "Zip", "City", "Country" });
        Assert.Null(merged.Phone);
        Assert.Null(merged.Address);
        Assert.Equal("ada@example.com", merged.Email);
    }

    [Fact]
    public void Aliases_set_the_same_field()
    {
        var merged = ContactMerger.Merge(null, Values(("postal_code", "09999"), ("FirstName", "Grace"), ("url_website", "https://example.com")), null);
        Assert.Equal("09999", merged.Address!.PostalCode);
        Assert.Equal("Grace", merged.Forename);
        Assert.Equal("https://example.com", merged.UrlWebsite);
    }

    [Fact]
    public void Build_leaves_empty_strings_out()
    {
        var built = ContactMerger.Build(Values(("Forename", "Ada"), ("Email", ""), ("City", "")));
        Assert.Equal("Ada", built.Forename);
        Assert.Null(built.Email);
        Assert.Null(built.Address);
    }

    [Fact]
    public void Unknown_field_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ContactMerger.Merge(Current(), null, new[] { "Nickname" }));
    }

    [Fact]
    public void Unchanged_detects_a_no_op_merge_despite_the_dob_echo_format()
    {
        var current = Current();
        var same = ContactMerger.Merge(current, Values(("DateOfBirth", "1815-12-10"), ("Email", "ada@example.com")), null);
        Assert.True(ContactMerger.IsUnchanged(current, same));
        var changed = ContactMerger.Merge(current, Values(("City", "Berlin")), null);
        Assert.False(ContactMerger.IsUnchanged(current, changed));
    }

    [Fact]
    public void Every_field_has_a_distinct_name_and_aliases_never_repeat_a_name()
    {
        var names = ContactFields.All.Select(f => f.Name).ToList();
        var aliases = ContactFields.All.SelectMany(f => f.Aliases).ToList();
        Assert.Equal(22, names.Count);
        Assert.Equal(names.Count + aliases.Count, names.Concat(aliases).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
