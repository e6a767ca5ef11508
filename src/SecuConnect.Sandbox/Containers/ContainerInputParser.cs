using System.Text.Json;
using SecuConnect.Sandbox.Customers;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Containers;

/// <summary>
/// A create or update body (PaymentContainersDTO), read and checked. <see cref="CustomerId"/> is null when the body
/// names no customer; <see cref="Account"/> holds the bank account as given, its BIC and bank name not yet filled.
/// </summary>
public sealed record ContainerInput(string? CustomerId, string Type, string Iban, string? Bic, string Owner, string? Purpose);

/// <summary>Validates a POST/PUT body; every error text names the field (error_details of a 400).</summary>
public static class ContainerInputParser
{
    // Members of PaymentContainersDTO, and server-managed members of the answer that a client may send back
    // (ignored, as for customers).
    private static readonly string[] Known = ["merchant_id", "customer", "customer_id", "type", "private", "request_token", "notification_url"];
    private static readonly string[] ServerManaged = ["object", "id", "created", "updated", "contract", "merchant", "public", "mandate", "token_status"];
    private static readonly string[] AccountMembers = ["iban", "bic", "owner", "bankname", "purpose"];

    /// <summary>Returns null and sets <paramref name="input"/>, or returns the error_details text.</summary>
    /// <param name="rejectUnknown">strict mode: a member the contract does not name is an error</param>
    public static string? TryParse(ReadOnlySpan<byte> body, bool rejectUnknown, out ContainerInput? input)
    {
        input = null;
        string? error = JsonBody.TryParse(body, out var doc);
        if (error != null) return error;
        using (doc)
        {
            var root = doc!.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "no payload";
            if (rejectUnknown && FirstUnknown(root, [.. Known, .. ServerManaged]) is { } unknown)
                return $"invalid payload: unknown field {unknown}";
            return CheckOptional(root)
                ?? ReadType(root, out string? type)
                ?? ReadCustomer(root, out string? customerId)
                ?? ReadAccount(root, rejectUnknown, out string? iban, out string? bic, out string? owner, out string? purpose)
                ?? Done(out input, new ContainerInput(customerId, type!, iban!, bic, owner!, purpose));
        }
    }

    private static string? Done(out ContainerInput? input, ContainerInput value)
    {
        input = value;
        return null;
    }

    private static string? ReadType(JsonElement root, out string? type)
    {
        type = null;
        if (!root.TryGetProperty("type", out var t) || t.ValueKind == JsonValueKind.Null || (t.ValueKind == JsonValueKind.String && t.GetString()!.Length == 0))
            return $"invalid type: required; the sandbox supports {ContainerRecord.BankAccountType}";
        if (t.ValueKind != JsonValueKind.String) return "invalid type: must be a string";
        type = t.GetString()!;
        if (type != ContainerRecord.BankAccountType)
            return $"unsupported type '{Shorten(type)}': the sandbox supports {ContainerRecord.BankAccountType} only (cards are stored through a payment page)";
        return null;
    }

    /// <summary>customer {id} or customer_id; both given must agree. Empty or null means none.</summary>
    private static string? ReadCustomer(JsonElement root, out string? customerId)
    {
        customerId = null;
        string? fromObject = null, fromId = null;
        if (root.TryGetProperty("customer", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind != JsonValueKind.Object) return "invalid customer: an object with the customer's id expected";
            if (c.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null)
            {
                if (id.ValueKind != JsonValueKind.String) return "invalid customer.id: must be a string";
                fromObject = NullIfEmpty(id.GetString());
            }
        }
        if (root.TryGetProperty("customer_id", out var cid) && cid.ValueKind != JsonValueKind.Null)
        {
            if (cid.ValueKind != JsonValueKind.String) return "invalid customer_id: must be a string";
            fromId = NullIfEmpty(cid.GetString());
        }
        if (fromObject != null && fromId != null && fromObject != fromId)
            return "invalid customer: customer.id and customer_id name different customers";
        customerId = fromObject ?? fromId;
        if (customerId != null && !CustomerIds.IsWellFormed(customerId))
            return $"invalid {(fromObject != null ? "customer.id" : "customer_id")}: PCU_ and 30 letters or digits expected";
        return null;
    }

    private static string? ReadAccount(JsonElement root, bool rejectUnknown, out string? iban, out string? bic, out string? owner, out string? purpose)
    {
        iban = bic = owner = purpose = null;
        if (!root.TryGetProperty("private", out var p) || p.ValueKind != JsonValueKind.Object)
            return "invalid private: the bank account (iban, owner, optionally bic and purpose) is required";
        if (rejectUnknown && FirstUnknown(p, AccountMembers) is { } unknown)
            return $"invalid payload: unknown field private.{unknown}";
        // bankname is the bank's, filled by the server: a value sent (an answer sent back) is ignored.
        string? error = ReadString(p, "iban", out iban) ?? ReadString(p, "bic", out bic) ?? ReadString(p, "owner", out owner)
            ?? ReadString(p, "purpose", out purpose) ?? ReadString(p, "bankname", out _);
        if (error != null) return error;
        if (iban == null) return "invalid private.iban: required";
        if (owner == null) return "invalid private.owner: required (the account holder)";
        return null;
    }

    /// <summary>merchant_id, request_token and notification_url are accepted and not used; their types are still checked.</summary>
    private static string? CheckOptional(JsonElement root)
    {
        if (root.TryGetProperty("merchant_id", out var m) && m.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return "invalid merchant_id: must be a string";
        if (root.TryGetProperty("notification_url", out var n) && n.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return "invalid notification_url: must be a string";
        if (root.TryGetProperty("request_token", out var t) && t.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            return "invalid request_token: must be a boolean";
        return null;
    }

    private static string? ReadString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) return $"invalid private.{name}: must be a string";
        string s = v.GetString()!.Trim();
        if (s.Length > CustomerInputParser.MaxFieldLength) return $"invalid private.{name}: at most {CustomerInputParser.MaxFieldLength} characters allowed";
        value = s.Length == 0 ? null : s;
        return null;
    }

    private static string? FirstUnknown(JsonElement obj, string[] known)
    {
        foreach (var p in obj.EnumerateObject())
            if (Array.IndexOf(known, p.Name) < 0) return p.Name;
        return null;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
