using System.Collections.Frozen;

namespace SecuConnect.Sandbox.Containers;

/// <summary>
/// IBANs checked as a bank checks them (ISO 13616): two letters, two check digits, the national account number;
/// the length fixed per country; the number formed by moving the first four characters to the end and replacing
/// letters by 10..35 leaves 1 modulo 97. Spaces are not part of an IBAN and letters are upper case.
/// </summary>
public static class Iban
{
    /// <summary>IBAN lengths of the SEPA countries and territories (SWIFT's IBAN registry).</summary>
    public static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AT"] = 20, ["AX"] = 18, ["BE"] = 16, ["BG"] = 22, ["BL"] = 27, ["CH"] = 21, ["CY"] = 28,
        ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["EE"] = 20, ["ES"] = 24, ["FI"] = 18, ["FR"] = 27, ["GB"] = 22,
        ["GF"] = 27, ["GI"] = 23, ["GP"] = 27, ["GR"] = 27, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IS"] = 26,
        ["IT"] = 27, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MF"] = 27, ["MQ"] = 27,
        ["MT"] = 31, ["NL"] = 18, ["NO"] = 15, ["PL"] = 28, ["PM"] = 27, ["PT"] = 25, ["RE"] = 27, ["RO"] = 24,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["VA"] = 22, ["YT"] = 27,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Without whitespace, upper case.</summary>
    public static string Normalise(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>
    /// Null when <paramref name="iban"/> (normalised) is valid, else what is wrong, for error_details after the field
    /// name. The value itself is never part of the text: an IBAN is personal data.
    /// </summary>
    public static string? Check(string iban)
    {
        if (iban.Length < 5 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
            return "two letters (the country), two check digits and the account number expected";
        string country = iban[..2];
        if (!Lengths.TryGetValue(country, out int length))
            return $"country {country} is not a SEPA country the sandbox knows";
        if (iban.Length != length)
            return $"an IBAN of {country} has {length} characters, this one {iban.Length}";
        if (Mod97(iban) != 1)
            return "the check digits do not match the account number (ISO 13616, mod 97)";
        return null;
    }

    /// <summary>Country, check digits and the last four; every character between them an X (as a client with fewer rights sees it).</summary>
    public static string Mask(string iban) =>
        iban.Length <= 8 ? iban : iban[..4] + new string('X', iban.Length - 8) + iban[^4..];

    private static int Mod97(string iban)
    {
        int remainder = 0;
        foreach (char c in iban[4..] + iban[..4])
        {
            int value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder;
    }
}
