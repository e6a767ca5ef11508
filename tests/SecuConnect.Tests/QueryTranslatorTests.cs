using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

public class QueryTranslatorTests
{
    [Theory]
    [InlineData("City:Berlin", "contact.address.city:Berlin")]
    [InlineData("surname:M* AND City:Berlin", "contact.surname:M* AND contact.address.city:Berlin")]
    [InlineData("(NOT Surname:meier*) AND (City:Berlin OR town:Dresden)", "(NOT contact.surname:meier*) AND (contact.address.city:Berlin OR contact.address.city:Dresden)")]
    [InlineData("Email:ada@example.com", "contact.email:ada%40example.com")]
    [InlineData("Forename:Jean+Luc", "contact.forename:Jean%2BLuc")]
    [InlineData("CompanyName:\"Example Inc.\"", "contact.companyname:\"Example%20Inc.\"")]
    [InlineData("Email:a%b:c", "contact.email:a%25b%3Ac")]
    [InlineData("Forename:J?rg", "contact.forename:J?rg")]
    [InlineData("Forename:star\\*", "contact.forename:star%2A")]
    [InlineData("Created:[2024-01-01 TO 2024-12-31]", "created:[2024-01-01 TO 2024-12-31]")]
    [InlineData("contact.ident_service_ids:X1", "contact.ident_service_ids:X1")]
    [InlineData("Forename:Jörg", "contact.forename:J%C3%B6rg")]
    [InlineData("first_name:Ada", "contact.forename:Ada")]
    [InlineData("City:(Berlin OR Bonn an)", "contact.address.city:(Berlin OR Bonn an)")]
    [InlineData("Surname:(", "contact.surname:(")]
    public void Filters_use_api_paths_and_encode_each_value(string filter, string q) =>
        Assert.Equal(q, CustomerQuery.Translator.Filter(filter));

    [Theory]
    [InlineData("Bogus:1")]
    [InlineData("City:\"unterminated")]
    [InlineData("Created:[2024]")]
    public void Unknown_names_and_broken_syntax_are_refused_naming_the_problem(string filter)
    {
        var ex = Assert.Throws<ArgumentException>(() => CustomerQuery.Translator.Filter(filter));
        Assert.NotEmpty(ex.Message);
        if (filter.StartsWith("Bogus")) Assert.Contains("City", ex.Message);
    }

    [Theory]
    [InlineData("City:New York", "York")]
    [InlineData("Berlin", "Berlin")]
    [InlineData("(City:Berlin OR Bonn)", "Bonn")]
    [InlineData("City:(Berlin OR Bonn) Potsdam", "Potsdam")]
    public void A_word_outside_a_group_of_values_is_not_a_term(string filter, string word)
    {
        var ex = Assert.Throws<ArgumentException>(() => CustomerQuery.Translator.Filter(filter));
        Assert.Contains($"'{word}'", ex.Message);
        Assert.Contains("City:\"New York\"", ex.Message);
    }

    [Theory]
    [InlineData("City:(Berlin OR (Bonn AND Koeln))", "contact.address.city:(Berlin OR (Bonn AND Koeln))")]
    [InlineData("(City:(Berlin OR Bonn)) AND Surname:Doe", "(contact.address.city:(Berlin OR Bonn)) AND contact.surname:Doe")]
    [InlineData("City:Berlin or City:Bonn", "contact.address.city:Berlin or contact.address.city:Bonn")]
    [InlineData("City:Berlin || City:Bonn && not Surname:Doe", "contact.address.city:Berlin || contact.address.city:Bonn && not contact.surname:Doe")]
    [InlineData("!City:Berlin -Surname:Doe", "!contact.address.city:Berlin -contact.surname:Doe")]
    [InlineData("Surname:Smith-Jones", "contact.surname:Smith-Jones")]
    public void Words_in_a_group_of_values_and_every_spelling_of_an_operator_pass(string filter, string q) =>
        Assert.Equal(q, CustomerQuery.Translator.Filter(filter));

    [Theory]
    [InlineData("Surname", "contact.surname:asc")]
    [InlineData("Surname:desc", "contact.surname:desc")]
    [InlineData("City:ASC, Created:desc", "contact.address.city:asc,created:desc")]
    [InlineData("contact.ident_service_ids:asc", "contact.ident_service_ids:asc")]
    [InlineData("-Created", "created:desc")]
    [InlineData("+Surname, -City:desc", "contact.surname:asc,contact.address.city:desc")]
    public void Sort_uses_api_paths(string sort, string expected) =>
        Assert.Equal(expected, CustomerQuery.Translator.Sort(new[] { sort }));

    [Theory]
    [InlineData("bogus:asc")]
    [InlineData("Surname:up")]
    [InlineData(",")]
    [InlineData("-Surname:asc")]
    public void Sort_refuses_unknown_names_and_orders(string sort) =>
        Assert.Throws<ArgumentException>(() => CustomerQuery.Translator.Sort(new[] { sort }));

    [Theory]
    [InlineData("DateOfBirth:1970-01-11", "contact.dob:[1970-01-11 TO 1970-01-11]")]
    [InlineData("NOT contact.dob:1970-01-11", "NOT contact.dob:[1970-01-11 TO 1970-01-11]")]
    [InlineData("DateOfBirth:1970-*", "contact.dob:1970-*")]
    [InlineData("DateOfBirth:[1970-01-01 TO 1970-12-31]", "contact.dob:[1970-01-01 TO 1970-12-31]")]
    public void An_exact_date_of_birth_is_the_range_of_that_day(string filter, string q) =>
        Assert.Equal(q, CustomerQuery.Translator.Filter(filter));

    [Fact]
    public void Sort_with_the_order_after_a_space_says_where_the_order_goes() =>
        Assert.Contains("after a colon, as in 'Surname:desc'", Assert.Throws<ArgumentException>(() => CustomerQuery.Translator.Sort(new[] { "Surname desc" })).Message);

    [Fact]
    public void A_space_is_never_a_bare_plus() =>
        Assert.Equal("a%20b%2Bc", QueryTranslator.Encode("a b+c"));
}
