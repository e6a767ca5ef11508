using System.Buffers;
using System.Text.Json;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Containers;

/// <summary>
/// Writes a container in the API's shape (PaymentContainersProductModel), omitting unset values, and reads back the
/// stored form. The stored form is the unmasked answer with the customer as a reference ({object, id}).
/// </summary>
public static class ContainerJsonWriter
{
    /// <param name="customer">the linked customer's answer to embed; null writes the reference alone (stored form)</param>
    /// <param name="masked">public with the IBAN masked and private left out, as a client with fewer rights sees it</param>
    public static byte[] Serialize(ContainerRecord r, byte[]? customer, bool masked)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + (customer?.Length ?? 0));
        using (var w = new Utf8JsonWriter(buffer, CustomerJsonWriter.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object", ContainerRecord.ObjectName);
            w.WriteString("id", r.Id);
            if (r.ContractId != null) Reference(w, "contract", "payment.contracts", r.ContractId);
            Reference(w, "merchant", "general.merchants", r.MerchantId);
            if (r.CustomerId != null)
            {
                if (customer != null)
                {
                    w.WritePropertyName("customer");
                    w.WriteRawValue(customer, skipInputValidation: true);
                }
                else Reference(w, "customer", CustomerRecord.ObjectName, r.CustomerId);
            }
            w.WriteString("type", r.Type);
            Account(w, "public", r.Account, masked);
            if (!masked) Account(w, "private", r.Account, masked: false);
            w.WriteStartObject("mandate");
            w.WriteString("sepa_mandate_id", r.Mandate.SepaMandateId);
            w.WriteString("iban", masked ? Iban.Mask(r.Account.Iban) : r.Account.Iban);
            if (r.Account.Bic != null) w.WriteString("bic", r.Account.Bic);
            w.WriteString("type", r.Mandate.Type);
            w.WriteString("status", r.Mandate.Status);
            w.WriteString("identification", r.Mandate.Identification);
            w.WriteString("creditor_id", r.Mandate.CreditorId);
            w.WriteEndObject();
            w.WriteString("created", r.Created);
            if (r.Updated != null) w.WriteString("updated", r.Updated);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Rebuilds a record from its stored form; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static ContainerRecord Load(long seq, string id, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var account = root.GetProperty("private");
            var mandate = root.GetProperty("mandate");
            return new ContainerRecord(id, seq,
                root.TryGetProperty("contract", out var contract) ? contract.GetProperty("id").GetString() : null,
                root.GetProperty("merchant").GetProperty("id").GetString()!,
                root.TryGetProperty("customer", out var customer) ? customer.GetProperty("id").GetString() : null,
                root.GetProperty("type").GetString()!,
                new BankAccount(account.GetProperty("iban").GetString()!, Optional(account, "bic"), account.GetProperty("owner").GetString()!,
                    account.GetProperty("bankname").GetString()!, Optional(account, "purpose")),
                new SepaMandate(mandate.GetProperty("sepa_mandate_id").GetString()!, mandate.GetProperty("type").GetString()!,
                    mandate.GetProperty("status").GetString()!, mandate.GetProperty("identification").GetString()!,
                    mandate.GetProperty("creditor_id").GetString()!),
                root.GetProperty("created").GetString()!,
                Optional(root, "updated"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Stored payment container {id} is not readable.", e);
        }
    }

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static void Reference(Utf8JsonWriter w, string name, string objectName, string id)
    {
        w.WriteStartObject(name);
        w.WriteString("object", objectName);
        w.WriteString("id", id);
        w.WriteEndObject();
    }

    private static void Account(Utf8JsonWriter w, string name, BankAccount a, bool masked)
    {
        w.WriteStartObject(name);
        w.WriteString("iban", masked ? Iban.Mask(a.Iban) : a.Iban);
        if (a.Bic != null) w.WriteString("bic", a.Bic);
        w.WriteString("owner", a.Owner);
        w.WriteString("bankname", a.BankName);
        if (a.Purpose != null) w.WriteString("purpose", a.Purpose);
        w.WriteEndObject();
    }
}
