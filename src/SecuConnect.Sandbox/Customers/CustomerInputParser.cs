using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecuConnect.Sandbox.Extras;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Customers;

/// <summary>Validates and normalises a POST/PUT body (PaymentCustomersDTO) into a <see cref="ContactData"/>.</summary>
public static partial class CustomerInputParser
{
    public const int MaxFieldLength = 255;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^[A-Za-z]{2}$")]
    private static partial Regex CountryRegex();

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})[+-](\d{2}):(\d{2}))?$")]
    private static partial Regex DobRegex();

    /// <summary>Returns null and sets <paramref name="contact"/>, or returns the error_details text.</summary>
    /// <param name="isContactExtra">which unmodelled contact members to keep (raw JSON); null keeps none</param>
    /// <param name="isAddressExtra">which unmodelled address members to keep; null keeps none</param>
    /// <param name="rejectUnknown">strict mode: an unknown contact or address member (neither modelled nor extra) is an error</param>
    public static string? TryParse(ReadOnlySpan<byte> body, out ContactData? contact,
        Func<string, bool>? isContactExtra = null, Func<string, bool>? isAddressExtra = null, bool rejectUnknown = false)
    {
        contact = null;
        string? error = JsonBody.TryParse(body, out var doc);
        if (error != null) return error;
        using (doc)
        {
            var root = doc!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("contact", out var c) || c.ValueKind != JsonValueKind.Object)
                return "no payload";
            return ParseContact(c, out contact, isContactExtra, isAddressExtra, rejectUnknown);
        }
    }

    /// <summary>
    /// Reads a contact object (also used when loading stored records). Unmodelled members are ignored unless
    /// <paramref name="isContactExtra"/> or <paramref name="isAddressExtra"/> names them: those are kept as raw JSON.
    /// </summary>
    public static string? ParseContact(JsonElement c, out ContactData? contact,
        Func<string, bool>? isContactExtra = null, Func<string, bool>? isAddressExtra = null, bool rejectUnknown = false)
    {
        contact = null;
        var values = new string?[ContactFields.Contact.Length];
        string?[]? address = null;
        List<ExtraMember>? extras = null, addressExtras = null;
        foreach (var p in c.EnumerateObject())
        {
            if (p.NameEquals("address"))
            {
                address = null;
                addressExtras = null;
                if (p.Value.ValueKind == JsonValueKind.Null) continue;
                // PHP encodes an empty associative array as []: accept it as "no address".
                if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 0) continue;
                if (p.Value.ValueKind != JsonValueKind.Object) return "invalid contact.address: must be an object";
                address = new string?[ContactFields.Address.Length];
                foreach (var a in p.Value.EnumerateObject())
                {
                    int ai = ContactFields.IndexOfAddress(a.Name);
                    if (ai < 0)
                    {
                        // unknown fields are ignored, configured extra ones kept as sent
                        if (isAddressExtra != null && isAddressExtra(a.Name)) Keep(ref addressExtras, a);
                        else if (rejectUnknown) return $"invalid payload: unknown field contact.address.{a.Name}";
                        continue;
                    }
                    string? err = ReadString(a.Value, "contact.address." + a.Name, out address[ai]);
                    if (err != null) return err;
                }
                continue;
            }
            int i = ContactFields.IndexOfContact(p.Name);
            if (i < 0)
            {
                // name and unknown fields are ignored, configured extra ones kept as sent
                if (p.NameEquals("name")) continue;
                if (isContactExtra != null && isContactExtra(p.Name)) Keep(ref extras, p);
                else if (rejectUnknown) return $"invalid payload: unknown field contact.{p.Name}";
                continue;
            }
            string? e = ReadString(p.Value, "contact." + p.Name, out values[i]);
            if (e != null) return e;
        }

        if (values[ContactFields.Dob] is { } dob)
        {
            string? d = NormaliseDob(dob);
            if (d == null) return "invalid dob format";
            values[ContactFields.Dob] = d;
        }
        if (values[ContactFields.Email] is { } email && !EmailRegex().IsMatch(email))
            return "invalid email format (contact.email)";
        values[ContactFields.Phone] = NormalisePhone(values[ContactFields.Phone]);
        values[ContactFields.Mobile] = NormalisePhone(values[ContactFields.Mobile]);
        if (address != null && address[ContactFields.AddressCountry] is { } country && !CountryRegex().IsMatch(country))
            return "invalid country format (contact.address.country): two letters expected";

        contact = new ContactData(values, address, extras?.ToArray(), addressExtras?.ToArray());
        return null;
    }

    private static void Keep(ref List<ExtraMember>? list, JsonProperty p)
    {
        list ??= [];
        // A repeated member: the last one wins, as with the modelled fields.
        list.RemoveAll(m => m.Name == p.Name);
        list.Add(new ExtraMember(p.Name, p.Value.GetRawText()));
    }

    private static string? ReadString(JsonElement v, string field, out string? value)
    {
        value = null;
        switch (v.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                string s = v.GetString()!;
                if (s.Length > MaxFieldLength) return $"invalid {field}: at most {MaxFieldLength} characters allowed";
                value = s.Length == 0 ? null : s;
                return null;
            default:
                return $"invalid {field}: must be a string";
        }
    }

    /// <summary>Keeps digits and a leading '+'; null when nothing is left.</summary>
    public static string? NormalisePhone(string? phone)
    {
        if (phone == null) return null;
        var sb = new StringBuilder(phone.Length);
        string t = phone.TrimStart();
        if (t.StartsWith('+')) sb.Append('+');
        foreach (char ch in t)
            if (ch is >= '0' and <= '9') sb.Append(ch);
        return sb.Length == 0 || (sb.Length == 1 && sb[0] == '+') ? null : sb.ToString();
    }

    /// <summary>yyyy-MM-dd or yyyy-MM-ddThh:mm:ss±hh:mm, a real date; returns yyyy-MM-ddT00:00:00+00:00 or null.</summary>
    public static string? NormaliseDob(string dob)
    {
        var m = DobRegex().Match(dob);
        if (!m.Success) return null;
        int y = int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
        if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return null;
        if (m.Groups[4].Success)
        {
            int hh = int.Parse(m.Groups[4].ValueSpan, CultureInfo.InvariantCulture);
            int mi = int.Parse(m.Groups[5].ValueSpan, CultureInfo.InvariantCulture);
            int ss = int.Parse(m.Groups[6].ValueSpan, CultureInfo.InvariantCulture);
            int oh = int.Parse(m.Groups[7].ValueSpan, CultureInfo.InvariantCulture);
            int om = int.Parse(m.Groups[8].ValueSpan, CultureInfo.InvariantCulture);
            if (hh > 23 || mi > 59 || ss > 59 || oh > 14 || om > 59) return null;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{mo:D2}-{d:D2}T00:00:00+00:00");
    }
}
