using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Query;

/// <summary>Dotted field paths (contact.address.city) resolved to accessors once, not by reflection per request.</summary>
public static class FieldPaths
{
    private static readonly Dictionary<string, Func<CustomerRecord, string?>> Accessors = Build();

    /// <summary>The accessor of a leaf path, or null for an unknown path or one naming an object.</summary>
    public static Func<CustomerRecord, string?>? Resolve(string path) =>
        Accessors.TryGetValue(path, out var f) ? f : null;

    private static Dictionary<string, Func<CustomerRecord, string?>> Build()
    {
        var d = new Dictionary<string, Func<CustomerRecord, string?>>(StringComparer.Ordinal)
        {
            ["object"] = _ => CustomerRecord.ObjectName,
            ["id"] = r => r.Id,
            ["created"] = r => r.Created,
            ["updated"] = r => r.Updated,
            ["contract.object"] = _ => "payment.contracts",
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
