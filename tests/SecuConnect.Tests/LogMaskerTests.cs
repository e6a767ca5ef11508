using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

public class LogMaskerTests
{
    [Fact]
    public void Json_bodies_mask_personal_data_and_secrets_at_any_depth()
    {
        string body = "{\"contact\":{\"forename\":\"Ada\",\"surname\":\"Lovelace\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"," +
                      "\"phone\":\"0049123456789\",\"mobile\":\"+4917\",\"dob\":\"1815-12-10\",\"companyname\":\"Analytical Engines\"," +
                      "\"address\":{\"street\":\"Main Street\",\"city\":\"London\"}},\"access_token\":\"dn91j5gnamelecfpecvm11hugc\"}";
        string masked = LogMasker.MaskBody(body);
        foreach (var secret in new[] { "Ada", "Lovelace", "ada@example.com", "0049123456789", "+4917", "1815-12-10", "Main Street", "dn91j5gnamelecfpecvm11hugc" })
            Assert.DoesNotContain(secret, masked);
        // Every personal field of the contact is masked, city and company included.
        Assert.DoesNotContain("London", masked);
        Assert.DoesNotContain("Analytical Engines", masked);
        Assert.Contains("\"email\":\"***\"", masked);
    }

    [Fact]
    public void Lists_are_masked_item_by_item()
    {
        string masked = LogMasker.MaskBody("{\"count\":1,\"data\":[{\"id\":\"PCU_1\",\"contact\":{\"email\":\"x@example.com\"}}]}");
        Assert.DoesNotContain("x@example.com", masked);
        Assert.Contains("PCU_1", masked);
    }

    [Fact]
    public void Form_bodies_mask_the_client_secret()
    {
        string masked = LogMasker.MaskBody("grant_type=client_credentials&client_id=abc&client_secret=s3cr3t");
        Assert.DoesNotContain("s3cr3t", masked);
        Assert.Contains("client_id=abc", masked);
    }

    [Fact]
    public void Plain_text_bodies_lose_email_addresses()
    {
        Assert.DoesNotContain("ada@example.com", LogMasker.MaskBody("invalid email ada@example.com given"));
    }

    [Fact]
    public void Urls_mask_the_filter()
    {
        string url = LogMasker.MaskUrl(new Uri("http://127.0.0.1/api/v2/Payment/Customers?count=2&q=contact.email%3Aada%40example.com&sort=id:asc"));
        Assert.DoesNotContain("ada", url);
        Assert.Contains("count=2", url);
        Assert.Contains("q=contact.email:***", url);
    }

    [Theory]
    [InlineData("contact.address.city:Berlin", "contact.address.city:***")]
    [InlineData("contact.address.city:\"New%20York\" AND NOT contact.surname:Lo*", "contact.address.city:*** AND NOT contact.surname:***")]
    [InlineData("(contact.forename:Ada OR contact.forename:Grace) && created:[2020-01-01 TO 2021-01-01]", "(contact.forename:*** OR contact.forename:***) && created:***")]
    [InlineData("contact.address.city:(Berlin OR Bonn) -contact.email:ada@example.com", "contact.address.city:*** -contact.email:***")]
    [InlineData("Ada Lovelace", "*** ***")]
    [InlineData("ada@example.com:x", "***")]
    public void Filters_keep_their_field_paths_and_mask_their_values(string query, string masked) =>
        Assert.Equal(masked, LogMasker.MaskFilter(query));

    [Fact]
    public void Urls_show_the_translated_paths_of_an_encoded_filter()
    {
        string url = LogMasker.MaskUrl(new Uri("http://127.0.0.1/api/v2/Payment/Customers?q=contact.address.city%3ABerlin%20AND%20contact.surname%3ALovelace&count=2"));
        Assert.Contains("q=contact.address.city:*** AND contact.surname:***&count=2", url);
        Assert.DoesNotContain("Berlin", url);
        Assert.DoesNotContain("Lovelace", url);
    }

    [Theory]
    [InlineData("http://alice:pa%40ss@proxy.example:3128", "http://proxy.example:3128/")]
    [InlineData("http://alice@proxy.example:3128/", "http://proxy.example:3128/")]
    [InlineData("https://proxy.example/path?x=1", "https://proxy.example/")]
    [InlineData("http://proxy.example:8080", "http://proxy.example:8080/")]
    public void An_address_is_shown_as_scheme_host_and_port(string given, string shown)
    {
        Assert.Equal(shown, LogMasker.WithoutUserInfo(new Uri(given))!.ToString());
        Assert.Equal(shown, LogMasker.ShowAddress(new Uri(given)));
    }

    [Theory]
    [InlineData("alice:secret-1@proxy.example:3128")]
    [InlineData("socks5://alice:secret-1@proxy.example:1080")]
    public void A_proxy_value_without_a_usable_scheme_never_shows_its_password(string given)
    {
        Assert.DoesNotContain("secret-1", LogMasker.ShowAddress(new Uri(given, UriKind.RelativeOrAbsolute)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Payment/Customers?access_token=tok-1&q=contact.email:ada@example.com", "Payment/Customers?access_token=***&q=contact.email:***")]
    [InlineData("Payment/Customers?client_secret=cs-1&count=5", "Payment/Customers?client_secret=***&count=5")]
    [InlineData("https://bob:pw-1@connect.example/api/v2/Payment/Customers", "https://connect.example/api/v2/Payment/Customers")]
    [InlineData("Payment/Customers/ada@example.com", "Payment/Customers/***")]
    [InlineData("Payment/Containers", "Payment/Containers")]
    public void A_path_is_shown_with_its_secrets_and_personal_data_masked(string path, string shown)
    {
        Assert.Equal(shown, LogMasker.MaskPath(path));
    }

    // The rules below are Facts, one rule each, so that Stryker's per-test coverage sees them (it does not map
    // InlineData rows of a Theory to its mutants).

    [Fact]
    public void A_personal_or_secret_query_parameter_is_masked_not_only_the_token_keys()
    {
        Assert.Equal("http://127.0.0.1/api/v2/Payment/Customers?password=***&iban=***&count=2",
            LogMasker.MaskUrl(new Uri("http://127.0.0.1/api/v2/Payment/Customers?password=hunter2&iban=DE02120300000000202051&count=2")));
    }

    [Fact]
    public void A_query_parameter_without_a_value_is_kept_as_given_and_the_rest_still_masked()
    {
        Assert.Equal("http://127.0.0.1/api/v2/Payment/Customers?token&access_token=***",
            LogMasker.MaskUrl(new Uri("http://127.0.0.1/api/v2/Payment/Customers?token&access_token=tok-1")));
    }

    [Fact]
    public void A_relative_url_of_a_query_alone_has_its_secrets_masked()
    {
        Assert.Equal("?access_token=***&count=2", LogMasker.MaskUrl(new Uri("?access_token=tok-1&count=2", UriKind.Relative)));
        Assert.Equal(string.Empty, LogMasker.MaskUrl(null!));
    }

    [Fact]
    public void A_path_of_a_query_alone_has_its_secrets_masked()
    {
        Assert.Equal("?access_token=***&q=contact.email:***", LogMasker.MaskPath("?access_token=tok-1&q=contact.email:ada@example.com"));
    }

    [Fact]
    public void A_password_in_a_form_body_is_masked_even_when_the_body_starts_with_an_empty_pair()
    {
        Assert.Equal("=&password=***", LogMasker.MaskBody("=&password=hunter2"));
    }

    [Fact]
    public void An_email_address_in_a_form_body_is_masked_under_any_key()
    {
        Assert.Equal("grant_type=password&username=***&password=***", LogMasker.MaskBody("grant_type=password&username=ada@example.com&password=hunter2"));
    }

    [Fact]
    public void A_percent_encoded_email_address_is_masked_in_form_bodies_and_paths()
    {
        Assert.Equal("grant_type=password&username=***&password=***", LogMasker.MaskBody("grant_type=password&username=ada%40example.com&password=hunter2"));
        Assert.Equal("note=***", LogMasker.MaskBody("note=ada%40example.com"));
        Assert.Equal("Payment/Customers/***/x", LogMasker.MaskPath("Payment/Customers/ada%40example.com/x"));
    }

    [Fact]
    public void An_email_address_in_a_text_body_is_masked_whatever_its_shape()
    {
        Assert.Equal("***", LogMasker.MaskBody("ada@example.com"));
        Assert.Equal(" note=***", LogMasker.MaskBody(" note=ada@example.com"));
        Assert.Equal("note: see=*** now", LogMasker.MaskBody("note: see=ada@example.com now"));
    }

    [Fact]
    public void A_text_body_is_shown_as_text_not_cut_to_a_json_value_it_starts_with()
    {
        Assert.Equal("42 is *** answer", LogMasker.MaskBody("42 is ada@example.com answer"));
        Assert.Equal("\"quoted\" text", LogMasker.MaskBody("\"quoted\" text"));
    }

    [Fact]
    public void User_info_in_a_mailto_path_is_masked_with_the_address()
    {
        Assert.Equal("mailto:***", LogMasker.MaskPath("mailto:alice@example.com"));
    }

    [Fact]
    public void A_url_path_with_user_info_loses_it_and_keeps_the_rest()
    {
        Assert.Equal("https://connect.example/api/v2/Payment/Customers?access_token=***",
            LogMasker.MaskPath("https://bob:pw-1@connect.example/api/v2/Payment/Customers?access_token=tok-1"));
    }

    [Fact]
    public void An_address_with_a_query_at_its_root_loses_the_query()
    {
        Assert.Equal("http://proxy.example/", LogMasker.WithoutUserInfo(new Uri("http://proxy.example/?password=hunter2"))!.ToString());
        Assert.Equal("http://proxy.example/", LogMasker.ShowAddress(new Uri("http://proxy.example/?password=hunter2")));
    }

    [Fact]
    public void An_address_with_nothing_to_hide_is_kept_as_given()
    {
        var plain = new Uri("http://proxy.example:3128");
        Assert.Same(plain, LogMasker.WithoutUserInfo(plain));
        var relative = new Uri("proxy.example", UriKind.Relative);
        Assert.Same(relative, LogMasker.WithoutUserInfo(relative));
        Assert.Null(LogMasker.WithoutUserInfo(null!));
    }

    [Fact]
    public void A_relative_proxy_value_shows_only_what_follows_its_user_info()
    {
        Assert.Equal("proxy.example:3128", LogMasker.ShowAddress(new Uri("//alice:secret-1@proxy.example:3128", UriKind.Relative)));
        Assert.Equal(string.Empty, LogMasker.ShowAddress(null!));
    }

    [Fact]
    public void A_secret_held_in_an_object_or_array_has_every_value_inside_masked()
    {
        Assert.Equal("{\"password\":{\"new\":\"***\",\"old\":\"***\"},\"iban\":[\"***\",null],\"id\":\"PCU_1\"}",
            LogMasker.MaskBody("{\"password\":{\"new\":\"hunter2\",\"old\":\"hunter1\"},\"iban\":[\"DE02120300000000202051\",null],\"id\":\"PCU_1\"}"));
    }

    [Fact]
    public void Plain_values_in_a_list_stay_readable_and_those_in_a_personal_object_are_masked()
    {
        Assert.Equal("{\"tags\":[\"vip\",2],\"contact\":{\"phones\":[\"***\",null,{\"note\":\"***\"}]}}",
            LogMasker.MaskBody("{\"tags\":[\"vip\",2],\"contact\":{\"phones\":[\"0049123\",null,{\"note\":\"evenings\"}]}}"));
    }

    [Fact]
    public void A_long_body_is_cut_after_masking_with_a_note_of_what_was_left_out()
    {
        Assert.Equal("abcde", LogMasker.MaskBody("abcde", 5));
        Assert.Equal("a=b&c… (16 more)", LogMasker.MaskBody("a=b&client_secret=s3cr3t", 5));
    }

    [Fact]
    public void A_negated_term_keeps_its_prefix_and_a_trailing_prefix_is_masked_as_a_word()
    {
        Assert.Equal("-contact.email:*** !contact.surname:***", LogMasker.MaskFilter("-contact.email:ada@example.com !contact.surname:Lovelace"));
        Assert.Equal("*** ***", LogMasker.MaskFilter("Ada -"));
        Assert.Equal("*** ***", LogMasker.MaskFilter("Ada !"));
    }

    [Fact]
    public void Double_ampersand_and_bars_are_kept_as_operators()
    {
        Assert.Equal("contact.surname:*** && contact.forename:*** || contact.email:***",
            LogMasker.MaskFilter("contact.surname:Lovelace && contact.forename:Ada || contact.email:ada@example.com"));
    }

    [Fact]
    public void An_escaped_quote_does_not_end_a_quoted_value()
    {
        Assert.Equal("contact.surname:*** AND contact.forename:***", LogMasker.MaskFilter("contact.surname:\"Love\\\"lace\" AND contact.forename:Ada"));
    }

    [Fact]
    public void A_backslash_escapes_the_next_character_of_a_value()
    {
        Assert.Equal("contact.address.city:*** AND contact.forename:***", LogMasker.MaskFilter("contact.address.city:New\\ York AND contact.forename:Ada"));
    }

    [Fact]
    public void A_range_ends_at_its_bracket_and_the_terms_after_it_are_masked_too()
    {
        Assert.Equal("created:*** AND contact.surname:***", LogMasker.MaskFilter("created:[2020-01-01 TO 2021-01-01] AND contact.surname:Lovelace"));
    }

    [Fact]
    public void An_unfinished_filter_is_masked_to_its_end()
    {
        Assert.Equal("contact.surname:***", LogMasker.MaskFilter("contact.surname:"));
        Assert.Equal("contact.surname:***", LogMasker.MaskFilter("contact.surname:\"Love lace"));
        Assert.Equal("created:***", LogMasker.MaskFilter("created:[2020-01-01 TO"));
        Assert.Equal("contact.address.city:***", LogMasker.MaskFilter("contact.address.city:(Berlin OR Bonn"));
    }

    [Fact]
    public void No_body_and_no_path_stay_nothing()
    {
        Assert.Null(LogMasker.MaskBody(null));
        Assert.Null(LogMasker.MaskPath(null));
        Assert.Equal(string.Empty, LogMasker.MaskBody(string.Empty));
    }
}
