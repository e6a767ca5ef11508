using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Query;

/// <summary>fields=a,b.c: keeps the listed paths (leaf or object) plus object and id; unknown paths are ignored (strict: refused).</summary>
public sealed class FieldProjection
{
    private readonly string[][] _paths;

    private FieldProjection(string[][] paths) => _paths = paths;

    /// <param name="known">strict mode: which paths exist; an unknown one is a syntax error. Null ignores unknown paths.</param>
    public static FieldProjection? Parse(string? fields, Func<string, bool>? known = null)
    {
        if (string.IsNullOrWhiteSpace(fields)) return null;
        var names = fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (known != null)
        {
            foreach (string name in names)
                if (!known(name)) throw new QuerySyntaxException($"invalid fields: unknown field '{name}'");
        }
        var paths = names
            .Select(p => p.Split('.'))
            .Where(p => Array.TrueForAll(p, s => s.Length > 0))
            .ToArray();
        return new FieldProjection(paths);
    }

    /// <summary>Projects <paramref name="json"/>, the answer form of the record <paramref name="id"/> of type <paramref name="objectName"/>.</summary>
    public byte[] Apply(string objectName, string id, byte[] json)
    {
        var source = JsonNode.Parse(json)!.AsObject();
        var result = new JsonObject
        {
            ["object"] = objectName,
            ["id"] = id,
        };
        foreach (var path in _paths)
        {
            JsonNode? node = source;
            foreach (string segment in path)
            {
                node = node is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child : null;
                if (node == null) break;
            }
            if (node == null) continue;
            JsonObject target = result;
            for (int i = 0; i < path.Length - 1; i++)
            {
                if (target[path[i]] is not JsonObject next)
                {
                    next = new JsonObject();
                    target[path[i]] = next;
                }
                target = next;
            }
            string last = path[^1];
            if (target[last] is JsonObject existing && node is JsonObject whole)
            {
                // "contact.name,contact" keeps the whole contact.
                foreach (var kv in whole) existing[kv.Key] = kv.Value!.DeepClone();
            }
            else target[last] = node.DeepClone();
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, CustomerJsonWriter.WriterOptions)) result.WriteTo(w);
        return buffer.WrittenSpan.ToArray();
    }
}
