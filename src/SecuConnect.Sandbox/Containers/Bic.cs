using System.Text.RegularExpressions;

namespace SecuConnect.Sandbox.Containers;

/// <summary>
/// BICs (ISO 9362): 8 or 11 characters, the bank (4 letters), its country (2 letters), the location (2 letters or
/// digits) and optionally the branch (3 letters or digits). Optional for SEPA payments, which have needed only
/// the IBAN since 2016.
/// </summary>
public static partial class Bic
{
    [GeneratedRegex("^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")]
    private static partial Regex Format();

    /// <summary>Without whitespace, upper case.</summary>
    public static string Normalise(string value) => Iban.Normalise(value);

    /// <summary>Null when <paramref name="bic"/> (normalised) is valid for an account of <paramref name="ibanCountry"/>, else what is wrong.</summary>
    public static string? Check(string bic, string ibanCountry)
    {
        if (!Format().IsMatch(bic))
            return "8 or 11 characters expected: bank (4 letters), country (2 letters), location (2), optionally branch (3)";
        string country = bic.Substring(4, 2);
        if (country != ibanCountry && !(ParentCountry.TryGetValue(ibanCountry, out var parent) && parent == country))
            return $"the BIC's country {country} is not the IBAN's {ibanCountry}";
        return null;
    }

    // IBAN countries whose accounts are held at banks of another country: the French overseas territories and
    // Monaco with French banks, Åland with Finnish ones.
    private static readonly Dictionary<string, string> ParentCountry = new(StringComparer.Ordinal)
    {
        ["BL"] = "FR", ["GF"] = "FR", ["GP"] = "FR", ["MC"] = "FR", ["MF"] = "FR", ["MQ"] = "FR", ["PM"] = "FR",
        ["RE"] = "FR", ["YT"] = "FR", ["AX"] = "FI",
    };
}
