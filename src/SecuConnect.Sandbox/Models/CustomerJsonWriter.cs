using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SecuConnect.Sandbox.Extras;

namespace SecuConnect.Sandbox.Models;

/// <summary>
/// Writes a customer in the API's field order, omitting unset values. Written by hand rather than by a serializer
/// so the order and the "never null" rule are explicit and the hot path allocates nothing but the result.
/// </summary>
public static class CustomerJsonWriter
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <param name="emptyAddressAsArray">write a missing address as [] (PHP's empty array) instead of leaving it out</param>
    public static byte[] Serialize(CustomerRecord r, bool emptyAddressAsArray)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object", CustomerRecord.ObjectName);
            w.WriteString("id", r.Id);
            if (r.ContractId != null)
            {
                w.WriteStartObject("contract");
                w.WriteString("object", "payment.contracts");
                w.WriteString("id", r.ContractId);
                w.WriteEndObject();
            }
            w.WriteStartObject("merchant");
            w.WriteString("object", "general.merchants");
            w.WriteString("id", r.MerchantId);
            w.WriteEndObject();
            WriteContact(w, r.Contact, emptyAddressAsArray);
            w.WriteString("created", r.Created);
            if (r.Updated != null) w.WriteString("updated", r.Updated);
            ExtraFields.WriteMembers(w, r.Extras);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteContact(Utf8JsonWriter w, ContactData c, bool emptyAddressAsArray)
    {
        w.WriteStartObject("contact");
        var names = ContactFields.Contact;
        for (int i = 0; i < names.Length; i++)
        {
            if (c.Values[i] is { } v) w.WriteString(names[i], v);
            if (i == ContactFields.Surname && c.Name != null) w.WriteString("name", c.Name);
        }
        ExtraFields.WriteMembers(w, c.Extras);
        if (c.HasAddress)
        {
            w.WriteStartObject("address");
            if (c.Address is { } a)
            {
                for (int i = 0; i < a.Length; i++)
                    if (a[i] is { } v) w.WriteString(ContactFields.Address[i], v);
            }
            ExtraFields.WriteMembers(w, c.AddressExtras);
            w.WriteEndObject();
        }
        else if (emptyAddressAsArray)
        {
            w.WriteStartArray("address");
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
