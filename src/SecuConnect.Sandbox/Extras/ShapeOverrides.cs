using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Extras;

/// <summary>The resources whose answers <see cref="ShapeOverrides"/> can change.</summary>
public enum ShapedResource
{
    Customers,
    Containers,
}

/// <summary>One modelled path (contact.address.city) answered with a value of the test's choosing, as raw JSON.</summary>
public sealed record ShapeOverride(string Path, string RawJson)
{
    public string[] Segments { get; } = Path.Split('.');
}

/// <summary>
/// Modelled members answered in shapes the contract does not give them (PUT /_sandbox/shapes): a phone as an object, a
/// city as an array, a contract as plain text, created as "yesterday", a number in a surname, as older or newer API
/// versions may send them, so clients can prove they read such answers. Off by default (<see cref="None"/>): the
/// answers are then exactly the contract's. While a resource has overrides, its write bodies may send the configured
/// value back at those paths: it is taken out (not stored); what each write sent at each path is kept for the request
/// log (<see cref="Received"/>). Immutable.
/// </summary>
public sealed class ShapeOverrides
{
    public static readonly ShapeOverrides None = new([], []);

    /// <summary>The answer's identity: a record without them is no record, so they cannot be changed.</summary>
    private static readonly string[] Reserved = ["object", "id"];

    public ShapeOverrides(ShapeOverride[] customers, ShapeOverride[] containers)
    {
        Customers = customers;
        Containers = containers;
    }

    public ShapeOverride[] Customers { get; }
    public ShapeOverride[] Containers { get; }

    public ShapeOverride[] For(ShapedResource resource) => resource == ShapedResource.Customers ? Customers : Containers;

    /// <summary>
    /// Reads {"customers": {"contact.phone": {...}}, "containers": {"public.owner": [...]}}; both optional, null means
    /// none. Returns null and sets <paramref name="error"/> when the body is not acceptable.
    /// </summary>
    public static ShapeOverrides? Parse(ReadOnlySpan<byte> json, out string? error)
    {
        if (ControlBody.ReadObject(json, out error) is not { } root) return null;
        ShapeOverride[] customers = [], containers = [];
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "customers":
                    if (!Paths(p.Value, p.Name, out customers, out error)) return null;
                    break;
                case "containers":
                    if (!Paths(p.Value, p.Name, out containers, out error)) return null;
                    break;
                default:
                    error = $"unknown member '{p.Name}': use customers or containers";
                    return null;
            }
        }
        return new ShapeOverrides(customers, containers);
    }

    private static bool Paths(JsonElement e, string what, out ShapeOverride[] paths, out string? error)
    {
        paths = [];
        error = null;
        if (e.ValueKind == JsonValueKind.Null) return true;
        if (e.ValueKind != JsonValueKind.Object) { error = $"{what} must be an object of member paths and values"; return false; }
        var list = new List<ShapeOverride>();
        foreach (var p in e.EnumerateObject())
        {
            var shape = new ShapeOverride(p.Name, p.Value.GetRawText());
            if (Array.Exists(shape.Segments, s => s.Length == 0)) { error = $"{what}: '{p.Name}' is no member path (names joined by dots)"; return false; }
            if (shape.Segments.Length == 1 && Array.IndexOf(Reserved, p.Name) >= 0) { error = $"{what}.{p.Name} names the record itself and cannot change"; return false; }
            if (list.Exists(s => s.Path == p.Name)) { error = $"{what}.{p.Name} is given twice"; return false; }
            list.Add(shape);
        }
        paths = list.ToArray();
        return true;
    }

    /// <summary>The configuration in the shape it is set with.</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, CustomerJsonWriter.WriterOptions))
        {
            w.WriteStartObject();
            Write(w, "customers", Customers);
            Write(w, "containers", Containers);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();

        static void Write(Utf8JsonWriter w, string name, ShapeOverride[] shapes)
        {
            w.WriteStartObject(name);
            foreach (var s in shapes)
            {
                w.WritePropertyName(s.Path);
                w.WriteRawValue(s.RawJson, skipInputValidation: true);
            }
            w.WriteEndObject();
        }
    }

    /// <summary>
    /// One record's answer with the resource's paths set to their configured values (missing objects on the way are
    /// created, a value on the way that is no object is replaced); the answer itself when the resource has none.
    /// </summary>
    public byte[] Apply(ShapedResource resource, byte[] answer)
    {
        var shapes = For(resource);
        if (shapes.Length == 0 || JsonNode.Parse(answer) is not JsonObject root) return answer;
        foreach (var shape in shapes)
        {
            var parent = root;
            for (int i = 0; i < shape.Segments.Length - 1; i++)
            {
                if (parent[shape.Segments[i]] is not JsonObject next)
                {
                    next = new JsonObject();
                    parent[shape.Segments[i]] = next;
                }
                parent = next;
            }
            parent[shape.Segments[^1]] = JsonNode.Parse(shape.RawJson);
        }
        return Bytes(root);
    }

    /// <summary>
    /// A write body with the members at the resource's paths taken out where they hold the configured value (the odd
    /// value sent back, which the contract's parser would refuse; any other value is judged as without the control), and
    /// what the body held at each path, as raw JSON (null where it held nothing). The body itself and no record when the
    /// resource has no overrides or the body is no object. With <paramref name="stored"/> (the record as stored, in the
    /// contract's shape), a value sent back is replaced by the stored one instead: a write that must carry the member
    /// (a container's PUT replaces the whole account) keeps what the server holds, as sending its answer back means.
    /// </summary>
    public byte[] Received(ShapedResource resource, byte[] body, out Dictionary<string, string?>? received, byte[]? stored = null)
    {
        received = null;
        var shapes = For(resource);
        if (shapes.Length == 0) return body;
        JsonNode? parsed;
        try { parsed = JsonNode.Parse(body); }
        catch (JsonException) { return body; }
        if (parsed is not JsonObject root) return body;
        received = new Dictionary<string, string?>(StringComparer.Ordinal);
        bool changed = false;
        foreach (var shape in shapes)
        {
            JsonObject? parent = root;
            for (int i = 0; i < shape.Segments.Length - 1 && parent != null; i++) parent = parent[shape.Segments[i]] as JsonObject;
            string name = shape.Segments[^1];
            if (parent == null || !parent.TryGetPropertyValue(name, out var value))
            {
                received[shape.Path] = null;
                continue;
            }
            received[shape.Path] = value == null ? "null" : System.Text.Encoding.UTF8.GetString(Bytes(value));
            if (JsonNode.DeepEquals(value, JsonNode.Parse(shape.RawJson)))
            {
                var kept = StoredAt(stored, shape);
                if (kept != null) parent[name] = kept;
                else parent.Remove(name);
                changed = true;
            }
        }
        return changed ? Bytes(root) : body;
    }

    /// <summary>The stored record's value at the shape's path; null where it holds none (or nothing is stored).</summary>
    private static JsonNode? StoredAt(byte[]? stored, ShapeOverride shape)
    {
        if (stored == null) return null;
        JsonNode? node = JsonNode.Parse(stored);
        foreach (var segment in shape.Segments) node = (node as JsonObject)?[segment];
        return node?.DeepClone();
    }

    // Written as the answers are (no escaping of '+' or non-ASCII letters), so a logged value reads as it was sent.
    private static byte[] Bytes(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, CustomerJsonWriter.WriterOptions)) node.WriteTo(w);
        return buffer.WrittenSpan.ToArray();
    }
}
