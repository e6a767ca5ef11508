using System.Buffers;
using System.Text.Json;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Extras;

/// <summary>A JSON member the API returns but the contract copy does not model: its name and its raw JSON value.</summary>
public sealed record ExtraMember(string Name, string RawJson);

/// <summary>
/// Members the live API returns beyond the modelled ones, configured by PUT /_sandbox/extra-fields or
/// --extra-fields FILE: top-level customer members (server-managed), contact members and address members (client
/// data that a PUT must send back), and whether an absent address is answered as [] (PHP style). Immutable.
/// </summary>
public sealed class ExtraFields
{
    public static readonly ExtraFields None = new([], [], [], false);

    /// <summary>Top-level members every customer answer has; the model's own members cannot be configured.</summary>
    public static readonly string[] ReservedCustomer = ["object", "id", "contract", "merchant", "contact", "created", "updated"];

    public ExtraFields(ExtraMember[] customer, ExtraMember[] contact, ExtraMember[] address, bool emptyAddressAsArray)
    {
        Customer = customer;
        Contact = contact;
        Address = address;
        EmptyAddressAsArray = emptyAddressAsArray;
    }

    public ExtraMember[] Customer { get; }
    public ExtraMember[] Contact { get; }
    public ExtraMember[] Address { get; }
    public bool EmptyAddressAsArray { get; }

    /// <summary>
    /// Reads {"customer": {...}, "contact": {...}, "address": {...}, "emptyAddressAsArray": bool}; every member is
    /// optional, null means none. Returns null and sets <paramref name="error"/> when the body is not acceptable.
    /// </summary>
    public static ExtraFields? Parse(ReadOnlySpan<byte> json, out string? error)
    {
        if (ControlBody.ReadObject(json, out error) is not { } root) return null;
        ExtraMember[] customer = [], contact = [], address = [];
        bool asArray = false;
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "customer":
                    if (!Members(p.Value, "customer", n => Array.IndexOf(ReservedCustomer, n) >= 0, out customer, out error)) return null;
                    break;
                case "contact":
                    if (!Members(p.Value, "contact", n => n is "name" or "address" || ContactFields.IndexOfContact(n) >= 0, out contact, out error)) return null;
                    break;
                case "address":
                    if (!Members(p.Value, "address", n => ContactFields.IndexOfAddress(n) >= 0, out address, out error)) return null;
                    break;
                case "emptyAddressAsArray":
                    if (p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) asArray = p.Value.GetBoolean();
                    else if (p.Value.ValueKind != JsonValueKind.Null) { error = "emptyAddressAsArray must be true or false"; return null; }
                    break;
                default:
                    error = $"unknown member '{p.Name}': use customer, contact, address or emptyAddressAsArray";
                    return null;
            }
        }
        return new ExtraFields(customer, contact, address, asArray);
    }

    private static bool Members(JsonElement e, string what, Func<string, bool> reserved, out ExtraMember[] members, out string? error)
    {
        members = [];
        error = null;
        if (e.ValueKind == JsonValueKind.Null) return true;
        if (e.ValueKind != JsonValueKind.Object) { error = $"{what} must be an object of member names and values"; return false; }
        var list = new List<ExtraMember>();
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name.Length == 0) { error = $"{what}: a member name must not be empty"; return false; }
            if (reserved(p.Name)) { error = $"{what}.{p.Name} is a modelled field, not an extra one"; return false; }
            if (list.Exists(m => m.Name == p.Name)) { error = $"{what}.{p.Name} is given twice"; return false; }
            list.Add(new ExtraMember(p.Name, p.Value.GetRawText()));
        }
        members = list.ToArray();
        return true;
    }

    /// <summary>The configuration in the shape it is set with.</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, CustomerJsonWriter.WriterOptions))
        {
            w.WriteStartObject();
            Write(w, "customer", Customer);
            Write(w, "contact", Contact);
            Write(w, "address", Address);
            w.WriteBoolean("emptyAddressAsArray", EmptyAddressAsArray);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();

        static void Write(Utf8JsonWriter w, string name, ExtraMember[] members)
        {
            w.WriteStartObject(name);
            WriteMembers(w, members);
            w.WriteEndObject();
        }
    }

    /// <summary>Writes name/raw value pairs into the open object.</summary>
    public static void WriteMembers(Utf8JsonWriter w, IReadOnlyList<ExtraMember> members)
    {
        foreach (var m in members)
        {
            w.WritePropertyName(m.Name);
            w.WriteRawValue(m.RawJson, skipInputValidation: true);
        }
    }
}
