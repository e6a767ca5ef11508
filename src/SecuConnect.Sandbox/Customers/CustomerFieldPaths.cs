using System.Text.Json;
using SecuConnect.Sandbox.Extras;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Customers;

/// <summary>A customer's dotted field paths (contact.address.city) resolved to accessors once, not by reflection per request.</summary>
public static class CustomerFieldPaths
{
    private static readonly Dictionary<string, Func<CustomerRecord, string?>> Accessors = Build();

    /// <summary>
    /// The accessor of a leaf path. Any other path is looked up among the record's extra members (customer, contact,
    /// address), whose scalar values (strings, numbers, booleans) match like modelled ones; objects, arrays and
    /// absent members give null, so they match nothing.
    /// </summary>
    public static Func<CustomerRecord, string?>? Resolve(string path)
    {
        if (Accessors.TryGetValue(path, out var f)) return f;
        string[] segments = path.Split('.');
        if (Array.Exists(segments, s => s.Length == 0)) return null;
        if (segments.Length >= 3 && segments[0] == "contact" && segments[1] == "address")
            return r => ExtraValue(r.Contact.AddressExtras, segments, 2);
        if (segments.Length >= 2 && segments[0] == "contact")
            return r => ExtraValue(r.Contact.Extras, segments, 1);
        return r => ExtraValue(r.Extras, segments, 0);
    }

    /// <summary>Object paths the fields parameter may name besides leaves: the whole contact, address, contract or merchant.</summary>
    private static readonly HashSet<string> ObjectPaths = new(StringComparer.Ordinal) { "contact", "contact.address", "contract", "merchant" };

    /// <summary>
    /// Whether a path names a field of the model (a leaf, or with <paramref name="objects"/> also an object such as
    /// contact.address) or lies inside an extra member the sandbox was told to return (PUT /_sandbox/extra-fields).
    /// Strict mode refuses other paths instead of treating them as absent.
    /// </summary>
    public static bool IsKnown(string path, ExtraFields extras, bool objects)
    {
        if (Accessors.ContainsKey(path) || (objects && ObjectPaths.Contains(path))) return true;
        string[] segments = path.Split('.');
        if (Array.Exists(segments, s => s.Length == 0)) return false;
        if (segments.Length >= 3 && segments[0] == "contact" && segments[1] == "address")
            return Array.Exists(extras.Address, m => m.Name == segments[2]);
        if (segments.Length >= 2 && segments[0] == "contact")
            return Array.Exists(extras.Contact, m => m.Name == segments[1]);
        return Array.Exists(extras.Customer, m => m.Name == segments[0]);
    }

    private static string? ExtraValue(ExtraMember[] members, string[] path, int start)
    {
        if (members.Length == 0) return null;
        var member = Array.Find(members, m => m.Name == path[start]);
        if (member == null) return null;
        using var doc = JsonDocument.Parse(member.RawJson);
        var e = doc.RootElement;
        for (int i = start + 1; i < path.Length; i++)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(path[i], out e)) return null;
        }
        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    private static Dictionary<string, Func<CustomerRecord, string?>> Build()
    {
        var d = new Dictionary<string, Func<CustomerRecord, string?>>(StringComparer.Ordinal)
        {
            ["object"] = _ => CustomerRecord.ObjectName,
            ["id"] = r => r.Id,
            ["created"] = r => r.Created,
            ["updated"] = r => r.Updated,
            ["contract.object"] = r => r.ContractId == null ? null : "payment.contracts",
            ["contract.id"] = r => r.ContractId,
            ["merchant.object"] = _ => "general.merchants",
            ["merchant.id"] = r => r.MerchantId,
            ["contact.name"] = r => r.Contact.Name,
        };
        for (int i = 0; i < ContactFields.Contact.Length; i++)
        {
            int index = i;
            d["contact." + ContactFields.Contact[i]] = r => r.Contact.Values[index];
        }
        for (int i = 0; i < ContactFields.Address.Length; i++)
        {
            int index = i;
            d["contact.address." + ContactFields.Address[i]] = r => r.Contact.Address?[index];
        }
        return d;
    }
}
