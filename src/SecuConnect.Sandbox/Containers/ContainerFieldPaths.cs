using SecuConnect.Sandbox.Customers;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Options;
using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Containers;

/// <summary>
/// A container's field paths for q, sort and fields: its own members, and customer.* through the linked customer's
/// current data (customer.contact.surname). Paths read what an answer shows: with masking on, public.iban is the
/// masked IBAN and private.* is absent, so a client with fewer rights cannot search by the full account.
/// </summary>
public sealed class ContainerFieldPaths(IRecordStore<CustomerRecord> customers, RuntimeSettings settings)
{
    private static readonly HashSet<string> ObjectPaths = new(StringComparer.Ordinal) { "contract", "merchant", "customer", "public", "private", "mandate" };

    private readonly Dictionary<string, Func<ContainerRecord, string?>> _accessors = Build(settings);

    public Func<ContainerRecord, string?>? Resolve(string path)
    {
        if (_accessors.TryGetValue(path, out var f)) return f;
        if (path.StartsWith("customer.", StringComparison.Ordinal) && CustomerFieldPaths.Resolve(path["customer.".Length..]) is { } inner)
            return r => r.CustomerId != null && customers.Get(r.CustomerId) is { } c ? inner(c) : null;
        return null;
    }

    /// <summary>Strict mode: whether the path names a field (or with <paramref name="objects"/> an object) of a container or its customer.</summary>
    public bool IsKnown(string path, bool objects)
    {
        if (_accessors.ContainsKey(path) || (objects && ObjectPaths.Contains(path))) return true;
        return path.StartsWith("customer.", StringComparison.Ordinal)
            && CustomerFieldPaths.IsKnown(path["customer.".Length..], settings.ExtraFields, objects);
    }

    private static Dictionary<string, Func<ContainerRecord, string?>> Build(RuntimeSettings settings)
    {
        var d = new Dictionary<string, Func<ContainerRecord, string?>>(StringComparer.Ordinal)
        {
            ["object"] = _ => ContainerRecord.ObjectName,
            ["id"] = r => r.Id,
            ["created"] = r => r.Created,
            ["updated"] = r => r.Updated,
            ["type"] = r => r.Type,
            ["contract.object"] = r => r.ContractId == null ? null : "payment.contracts",
            ["contract.id"] = r => r.ContractId,
            ["merchant.object"] = _ => "general.merchants",
            ["merchant.id"] = r => r.MerchantId,
            ["customer.object"] = r => r.CustomerId == null ? null : CustomerRecord.ObjectName,
            ["customer.id"] = r => r.CustomerId,
            ["mandate.sepa_mandate_id"] = r => r.Mandate.SepaMandateId,
            ["mandate.iban"] = r => settings.MaskContainers ? Iban.Mask(r.Account.Iban) : r.Account.Iban,
            ["mandate.bic"] = r => r.Account.Bic,
            ["mandate.type"] = r => r.Mandate.Type,
            ["mandate.status"] = r => r.Mandate.Status,
            ["mandate.identification"] = r => r.Mandate.Identification,
            ["mandate.creditor_id"] = r => r.Mandate.CreditorId,
        };
        // Masked answers leave private out and show public's IBAN masked.
        Func<ContainerRecord, BankAccount?> privatePart = r => settings.MaskContainers ? null : r.Account;
        Func<ContainerRecord, BankAccount?> publicPart = r => r.Account;
        foreach (var (part, account) in new[] { ("private", privatePart), ("public", publicPart) })
        {
            bool maskable = part == "public";
            d[part + ".iban"] = r => account(r) is { } a ? (maskable && settings.MaskContainers ? Iban.Mask(a.Iban) : a.Iban) : null;
            d[part + ".bic"] = r => account(r)?.Bic;
            d[part + ".owner"] = r => account(r)?.Owner;
            d[part + ".bankname"] = r => account(r)?.BankName;
            d[part + ".purpose"] = r => account(r)?.Purpose;
        }
        return d;
    }
}
