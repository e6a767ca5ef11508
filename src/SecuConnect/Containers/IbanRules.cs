#nullable enable
using System.Collections.Generic;
using System.Linq;

namespace SecuConnect.Containers
{
    /// <summary>
    /// The checks a bank makes before an account is stored: an IBAN by ISO 13616 (country, check digits, the
    /// country's length, mod 97 = 1), a BIC by its form. Messages never repeat the value: an IBAN is personal data.
    /// </summary>
    internal static class IbanRules
    {
        // IBAN lengths from SWIFT's IBAN registry; a country not listed is checked for form and check digits only.
        private static readonly Dictionary<string, int> Lengths = new Dictionary<string, int>
        {
            ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AX"] = 18, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16,
            ["BG"] = 22, ["BH"] = 22, ["BL"] = 27, ["BR"] = 29, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24,
            ["DE"] = 22, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18,
            ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GF"] = 27, ["GI"] = 23, ["GL"] = 18, ["GP"] = 27, ["GR"] = 27,
            ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30,
            ["KZ"] = 20, ["LB"] = 28, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24,
            ["ME"] = 22, ["MF"] = 27, ["MK"] = 19, ["MQ"] = 27, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NC"] = 27,
            ["NL"] = 18, ["NO"] = 15, ["PF"] = 27, ["PK"] = 24, ["PL"] = 28, ["PM"] = 27, ["PS"] = 29, ["PT"] = 25,
            ["QA"] = 29, ["RE"] = 27, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24,
            ["SM"] = 27, ["TF"] = 27, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["WF"] = 27,
            ["XK"] = 20, ["YT"] = 27,
        };

        /// <summary>Without whitespace, upper case: how banks store an IBAN or a BIC.</summary>
        public static string Normalize(string value) =>
            new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

        /// <summary>Null when the (normalised) IBAN is valid, else what is wrong with it, without its value.</summary>
        public static string? CheckIban(string iban)
        {
            if (iban.Length < 5 || !IsLetter(iban[0]) || !IsLetter(iban[1]) || !IsDigit(iban[2]) || !IsDigit(iban[3]) || !iban.All(c => IsLetter(c) || IsDigit(c)))
                return "an IBAN is two letters (the country), two check digits and the account number, in letters and digits only";
            string country = iban.Substring(0, 2);
            if (Lengths.TryGetValue(country, out int length))
            {
                if (iban.Length != length) return $"an IBAN of {country} has {length} characters, this one has {iban.Length}";
            }
            else if (iban.Length > 34)
            {
                return $"an IBAN has at most 34 characters, this one has {iban.Length}";
            }
            return Mod97(iban) == 1 ? null : "its check digits do not match the account number (ISO 13616, mod 97)";
        }

        /// <summary>Null when the (normalised) BIC has the form of one: 4 letters (bank), 2 letters (country), 2 letters or digits, optionally 3 more.</summary>
        public static string? CheckBic(string bic)
        {
            if (bic.Length != 8 && bic.Length != 11) return $"a BIC has 8 or 11 characters, this one has {bic.Length}";
            for (int i = 0; i < bic.Length; i++)
            {
                bool ok = i < 6 ? IsLetter(bic[i]) : IsLetter(bic[i]) || IsDigit(bic[i]);
                if (!ok) return "a BIC is 4 letters (the bank), 2 letters (the country) and 2 or 5 letters or digits";
            }
            return null;
        }

        /// <summary>As the default table shows an IBAN: country, check digits, an ellipsis and the last four (DE89…3000).</summary>
        public static string? Shorten(string? iban)
        {
            if (iban == null || iban.Length <= 8) return iban;
            return iban.Substring(0, 4) + "\u2026" + iban.Substring(iban.Length - 4);
        }

        private static bool IsLetter(char c) => c >= 'A' && c <= 'Z';

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static int Mod97(string iban)
        {
            int remainder = 0;
            foreach (char c in iban.Substring(4) + iban.Substring(0, 4))
            {
                int value = IsDigit(c) ? c - '0' : c - 'A' + 10;
                remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
            }
            return remainder;
        }
    }
}
