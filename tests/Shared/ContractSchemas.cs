using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SecuConnect.Testing;

/// <summary>How a contract schema is applied.</summary>
public enum SchemaUse
{
    /// <summary>An answer: as written (the contract sets no additionalProperties, so extra members are allowed).</summary>
    Response,

    /// <summary>A list answer narrowed with fields: the required lists are dropped.</summary>
    ProjectedResponse,

    /// <summary>A request body: readOnly (server-managed) members must not be sent.</summary>
    Request,

    /// <summary>A request body of a client that models every member: also no member the contract does not name.</summary>
    ClosedRequest,
}

/// <summary>
/// The repository's copy of the OpenAPI contract (tests/Contract/payment-customers.openapi.json), its schemas rewritten
/// as JSON Schema 2020-12: component refs point at $defs, OpenAPI-only keywords (example, examples, x-*) are dropped
/// and nullable becomes a null type. Shared by the sandbox's contract tests (answers) and the module's (requests).
/// </summary>
public sealed class ContractSchemas
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private readonly string _directory;

    public ContractSchemas(string path)
    {
        _directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        OpenApi = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    /// <summary>The contract copy beside the test assembly (Contract/payment-customers.openapi.json).</summary>
    public static ContractSchemas Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "Contract", "payment-customers.openapi.json"));

    private static readonly Lazy<ContractSchemas> ContainersFile = new(() => new(Path.Combine(AppContext.BaseDirectory, "Contract", "payment-containers.openapi.json")));

    /// <summary>
    /// The containers' contract copy (Contract/payment-containers.openapi.json), whose shared parts refer to the
    /// customers' file ("payment-customers.openapi.json#/components/schemas/…").
    /// </summary>
    public static ContractSchemas Containers => ContainersFile.Value;

    public JsonObject OpenApi { get; }

    /// <summary>Resolves a "$ref" to components (schemas, parameters, responses, requestBodies) once, or returns the node.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        while (node is JsonObject o && o["$ref"] is JsonValue r)
        {
            var parts = r.GetValue<string>().TrimStart('#', '/').Split('/');
            JsonNode? target = OpenApi;
            foreach (var p in parts) target = target?[p];
            node = target ?? throw new InvalidOperationException($"The contract has no {r.GetValue<string>()}.");
        }
        return node;
    }

    /// <summary>The errors of <paramref name="instance"/> against <paramref name="schema"/> (an OpenAPI schema object); empty when valid.</summary>
    public IReadOnlyList<string> Validate(string cacheKey, Func<JsonObject> schema, SchemaUse use, JsonElement instance)
    {
        var built = _schemas.GetOrAdd($"{cacheKey} {use}", _ => Build(schema(), use));
        var results = built.Evaluate(instance, Options);
        if (results.IsValid) return [];
        var errors = new List<string>();
        Collect(results);
        return errors.Distinct().Take(20).ToList();

        void Collect(EvaluationResults r)
        {
            if (r.Errors is not null)
            {
                foreach (var (keyword, message) in r.Errors) errors.Add($"{r.InstanceLocation} [{r.EvaluationPath}/{keyword}] {message}");
            }
            if (r.Details is not null) foreach (var d in r.Details) Collect(d);
        }
    }

    private JsonSchema Build(JsonObject root, SchemaUse use)
    {
        var defs = new JsonObject();
        // The schemas of the contract files this one refers to first, so that its own names win.
        foreach (var file in ReferencedFiles())
        {
            var other = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, file)))!;
            foreach (var (name, def) in other["components"]!["schemas"]!.AsObject()) defs[name] = Translate(def!.AsObject(), use);
        }
        foreach (var (name, def) in OpenApi["components"]!["schemas"]!.AsObject())
        {
            defs[name] = Translate(def!.AsObject(), use);
        }
        var document = Translate(root, use);
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        document["$defs"] = defs;
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(document.ToJsonString(), options, new Uri($"https://contract.secuconnect.test/{Guid.NewGuid():N}"));
    }

    /// <summary>The other contract files this one's "$ref"s name ("file.json#/components/…").</summary>
    private IEnumerable<string> ReferencedFiles()
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        Collect(OpenApi);
        return files;

        void Collect(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                if (o["$ref"] is JsonValue r && r.GetValue<string>() is { } s && !s.StartsWith('#')) files.Add(s[..s.IndexOf('#')]);
                foreach (var (_, child) in o) Collect(child);
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a) Collect(child);
            }
        }
    }

    /// <summary>Rewrites one OpenAPI schema object as a JSON Schema object.</summary>
    private static JsonObject Translate(JsonObject source, SchemaUse use)
    {
        bool request = use is SchemaUse.Request or SchemaUse.ClosedRequest;
        var target = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (key == "x-input-pattern" && request && !source.ContainsKey("pattern"))
            {
                // The format a request must use where answers differ (dob: yyyy-MM-dd in, a timestamp out).
                target["pattern"] = value?.DeepClone();
                continue;
            }
            if (key is "example" or "examples" or "nullable" or "discriminator" or "xml" or "externalDocs" || key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }
            switch (key)
            {
                case "$ref":
                    // A schema of another contract file is one of this document's $defs too (see ReferencedFiles).
                    string reference = value!.GetValue<string>();
                    target[key] = reference[reference.IndexOf('#')..].Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                    break;
                case "properties":
                    var props = new JsonObject();
                    foreach (var (name, sub) in value!.AsObject())
                    {
                        // A server-managed member in a request body: the client must leave it out.
                        bool readOnly = sub is JsonObject so && so["readOnly"] is JsonValue ro && ro.GetValue<bool>();
                        props[name] = request && readOnly ? JsonValue.Create(false) : Translate(sub!.AsObject(), use);
                    }
                    target[key] = props;
                    break;
                case "items" or "not" or "additionalProperties" when value is JsonObject sub:
                    target[key] = Translate(sub, use);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    target[key] = new JsonArray(value!.AsArray().Select(x => (JsonNode)Translate(x!.AsObject(), use)).ToArray());
                    break;
                case "required" when use == SchemaUse.ProjectedResponse:
                    break;
                default:
                    target[key] = value?.DeepClone();
                    break;
            }
        }
        if (use == SchemaUse.ClosedRequest && source.ContainsKey("properties") && !source.ContainsKey("additionalProperties"))
        {
            target["unevaluatedProperties"] = false;
        }
        if (source["nullable"] is JsonValue n && n.GetValue<bool>())
        {
            if (target["type"] is JsonValue t) target["type"] = new JsonArray(t.GetValue<string>(), "null");
            else target = new JsonObject { ["anyOf"] = new JsonArray(target, new JsonObject { ["type"] = "null" }) };
        }
        return target;
    }
}
