using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

using SecuConnect.Core;

namespace SecuConnect.Customers
{
    /// <summary>Where a country's addresses write the house number: the street split reads only these conventions.</summary>
    internal enum NumberPosition
    {
        /// <summary>Unknown or mixed: a street keeps its number.</summary>
        Unknown,

        /// <summary>Hauptstraße 5, Via Roma 10.</summary>
        AfterStreet,

        /// <summary>12 Main Street, 5 rue de la Paix.</summary>
        BeforeStreet,
    }

    /// <summary>
    /// Country names as address books write them (Outlook and Google Contacts write the name, not the code), in English
    /// and the local languages, with German names too, for the EU/EEA countries, Switzerland, the United Kingdom and the
    /// United States; and the house-number convention of each. Names match ignoring case, accents, dots and extra spaces.
    /// </summary>
    internal static class CountryNames
    {
        /// <summary>The ISO 3166-1 alpha-2 codes, the form the API expects for the address country.</summary>
        public static readonly string[] Codes =
        (
            "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
            "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
            "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
            "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
            "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
            "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
            "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
        ).Split(' ');

        private static readonly Dictionary<string, string> ByName = new Dictionary<string, string>(StringComparer.Ordinal);
        private static readonly Dictionary<string, NumberPosition> Numbers = new Dictionary<string, NumberPosition>(StringComparer.Ordinal);

        static CountryNames()
        {
            const NumberPosition after = NumberPosition.AfterStreet, before = NumberPosition.BeforeStreet;
            Add("AT", after, "Austria", "Österreich", "Oesterreich");
            Add("BE", after, "Belgium", "Belgien", "Belgique", "België", "Belgie");
            Add("BG", NumberPosition.Unknown, "Bulgaria", "Bulgarien", "България", "Balgariya");
            Add("HR", after, "Croatia", "Kroatien", "Hrvatska");
            Add("CY", NumberPosition.Unknown, "Cyprus", "Zypern", "Κύπρος", "Kypros", "Kıbrıs");
            Add("CZ", after, "Czechia", "Czech Republic", "Tschechien", "Tschechische Republik", "Česko", "Česká republika");
            Add("DK", after, "Denmark", "Dänemark", "Daenemark", "Danmark");
            Add("EE", after, "Estonia", "Estland", "Eesti");
            Add("FI", after, "Finland", "Finnland", "Suomi");
            Add("FR", before, "France", "Frankreich");
            Add("DE", after, "Germany", "Deutschland", "Federal Republic of Germany", "Bundesrepublik Deutschland");
            Add("GR", after, "Greece", "Griechenland", "Ελλάδα", "Ελλάς", "Hellas", "Ellada");
            Add("HU", after, "Hungary", "Ungarn", "Magyarország");
            Add("IS", after, "Iceland", "Island", "Ísland");
            Add("IE", before, "Ireland", "Irland", "Éire", "Republic of Ireland");
            Add("IT", after, "Italy", "Italien", "Italia");
            Add("LV", after, "Latvia", "Lettland", "Latvija");
            Add("LI", after, "Liechtenstein");
            Add("LT", after, "Lithuania", "Litauen", "Lietuva");
            Add("LU", NumberPosition.Unknown, "Luxembourg", "Luxemburg", "Lëtzebuerg");
            Add("MT", NumberPosition.Unknown, "Malta");
            Add("NL", after, "Netherlands", "The Netherlands", "Niederlande", "Nederland", "Holland");
            Add("NO", after, "Norway", "Norwegen", "Norge", "Noreg");
            Add("PL", after, "Poland", "Polen", "Polska");
            Add("PT", after, "Portugal");
            Add("RO", after, "Romania", "Rumänien", "România");
            Add("SK", after, "Slovakia", "Slowakei", "Slovensko", "Slovak Republic");
            Add("SI", after, "Slovenia", "Slowenien", "Slovenija");
            Add("ES", after, "Spain", "Spanien", "España");
            Add("SE", after, "Sweden", "Schweden", "Sverige");
            Add("CH", after, "Switzerland", "Schweiz", "Suisse", "Svizzera", "Svizra");
            Add("GB", before, "United Kingdom", "UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland",
                "Vereinigtes Königreich", "Großbritannien", "Grossbritannien");
            Add("US", before, "United States", "United States of America", "USA", "US", "America", "Vereinigte Staaten",
                "Vereinigte Staaten von Amerika");
        }

        /// <summary>The names this table knows, by code (for docs and tests).</summary>
        public static IEnumerable<KeyValuePair<string, string>> Names => ByName.Select(e => new KeyValuePair<string, string>(e.Key, e.Value));

        /// <summary>
        /// The ISO 3166-1 alpha-2 code for a country name or code (Germany, Deutschland, de, DE); null when the table
        /// knows no code for it.
        /// </summary>
        public static string? CodeOf(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            string key = Key(name);
            if (ByName.TryGetValue(key, out var code)) return code;
            string upper = name.Trim().ToUpperInvariant();
            return upper.Length == 2 && Array.IndexOf(Codes, upper) >= 0 ? upper : null;
        }

        /// <summary>Where the country's addresses write the house number.</summary>
        public static NumberPosition NumberPositionOf(string? code) =>
            code != null && Numbers.TryGetValue(code, out var position) ? position : NumberPosition.Unknown;

        private static void Add(string code, NumberPosition number, params string[] names)
        {
            Numbers[code] = number;
            foreach (var name in names) ByName[Key(name)] = code;
        }

        /// <summary>A name without case, accents, dots and repeated spaces: "U.S.A." and "usa", "Osterreich" and "Österreich" match.</summary>
        private static string Key(string name)
        {
            var sb = new StringBuilder(name.Length);
            bool space = false;
            foreach (char c in name.Trim().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '.') continue;
                if (char.IsWhiteSpace(c))
                {
                    space = true;
                    continue;
                }
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }
    }
}
