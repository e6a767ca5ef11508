namespace SecuConnect.Sandbox.Containers;

/// <summary>
/// The few banks the sandbox knows by name: German bank codes (Bankleitzahl, IBAN characters 5 to 12) with their
/// BIC, and BICs of the vendor's own test accounts. Any other bank gets a generic name.
/// </summary>
public static class BankDirectory
{
    private sealed record Bank(string Bic, string Name);

    private static readonly Dictionary<string, Bank> GermanBankCodes = new(StringComparer.Ordinal)
    {
        ["10010010"] = new("PBNKDEFFXXX", "Postbank Berlin"),
        ["10070000"] = new("DEUTDEBBXXX", "Deutsche Bank Berlin"),
        ["12030000"] = new("BYLADEM1001", "Deutsche Kreditbank Berlin"),
        ["37040044"] = new("COBADEFFXXX", "Commerzbank Köln"),
        ["50010517"] = new("INGDDEFFXXX", "ING-DiBa Frankfurt"),
        ["50324000"] = new("FTSBDEFAXXX", "ABN AMRO Bank Frankfurt"),
        ["70150000"] = new("SSKMDEMMXXX", "Stadtsparkasse München"),
    };

    /// <summary>By the BIC's first eight characters (bank, country, location): the same bank whatever the branch.</summary>
    private static readonly Dictionary<string, string> NamesByBic = new(StringComparer.Ordinal)
    {
        ["HABAEE2X"] = "Swedbank Tallinn",
        ["JYBADKKK"] = "Jyske Bank Silkeborg",
        ["NDEAFIHH"] = "Nordea Bank Helsinki",
    };

    /// <summary>The BIC of a German account's bank code when the sandbox knows the bank; else null.</summary>
    public static string? BicOf(string iban) =>
        iban.StartsWith("DE", StringComparison.Ordinal) && GermanBankCodes.TryGetValue(iban.Substring(4, 8), out var bank) ? bank.Bic : null;

    /// <summary>Null when <paramref name="bic"/> may be the bank of a German account's bank code the sandbox knows, else what is wrong.</summary>
    public static string? CheckBicOfBankCode(string iban, string bic)
    {
        if (BicOf(iban) is not { } known || string.CompareOrdinal(known, 0, bic, 0, 8) == 0) return null;
        return $"the IBAN's bank code {iban.Substring(4, 8)} belongs to {known}";
    }

    /// <summary>The bank's name from the BIC or the German bank code, else a generic name with the country.</summary>
    public static string NameOf(string iban, string? bic)
    {
        if (bic != null)
        {
            string head = bic[..8];
            if (NamesByBic.TryGetValue(head, out var name)) return name;
            foreach (var bank in GermanBankCodes.Values)
                if (bank.Bic.StartsWith(head, StringComparison.Ordinal)) return bank.Name;
        }
        if (iban.StartsWith("DE", StringComparison.Ordinal) && GermanBankCodes.TryGetValue(iban.Substring(4, 8), out var known)) return known.Name;
        return $"Sandbox test bank ({iban[..2]})";
    }
}
