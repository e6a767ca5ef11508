using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>
/// Validates answers against the repository's copy of the OpenAPI contract. The OpenAPI schemas are rewritten into a
/// JSON Schema 2020-12 document: component refs point at $defs, OpenAPI-only keywords (example, examples, x-*) are
/// dropped and nullable becomes a null type. The contract sets no additionalProperties, so extra members are allowed.
/// </summary>
public static class Contract
{
    private static readonly Lazy<JsonObject> OpenApi = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Contract", "payment-customers.openapi.json");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    });

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    /// <summary>
    /// Checks a body against the schema the contract gives for this operation and status (or its default).
    /// <paramref name="projected"/> drops the required lists, for list answers narrowed with <c>fields</c>.
    /// </summary>
    public static void AssertResponse(string path, string method, ApiResponse response, bool projected = false)
    {
        var key = $"{method} {path} {response.StatusCode} {projected}";
        var schema = Schemas.GetOrAdd(key, _ => Build(ResponseSchema(path, method, response.StatusCode), projected));
        AssertValid(schema, response.Json, key);
    }

    /// <summary>Checks a value against one of components/schemas.</summary>
    public static void AssertDefinition(string name, JsonElement instance, bool projected = false)
    {
        var key = $"def {name} {projected}";
        var schema = Schemas.GetOrAdd(key, _ => Build(new JsonObject { ["$ref"] = "#/components/schemas/" + name }, projected));
        AssertValid(schema, instance, key);
    }

    /// <summary>The `required` list the contract gives a schema (inside allOf too).</summary>
    public static IReadOnlyList<string> RequiredOf(string name)
    {
        var result = new List<string>();
        Collect(OpenApi.Value["components"]!["schemas"]![name]!);
        return result;

        void Collect(JsonNode node)
        {
            if (node is not JsonObject o) return;
            if (o["required"] is JsonArray req) result.AddRange(req.Select(x => x!.GetValue<string>()));
            if (o["allOf"] is JsonArray all) foreach (var part in all) Collect(part!);
        }
    }

    private static JsonObject ResponseSchema(string path, string method, int status)
    {
        if (path == "/oauth/token" && method == "post" && status == 200)
        {
            // The contract's oneOf also lists the device-code answer, whose schema requires nothing and so matches
            // any object: a client_credentials answer would match both branches. Use the branch of this grant.
            return new JsonObject { ["$ref"] = "#/components/schemas/OAuthTokenResponse" };
        }

        var operation = OpenApi.Value["paths"]?[path]?[method]
            ?? throw new InvalidOperationException($"The contract has no operation {method} {path}.");
        var responses = operation["responses"]!.AsObject();
        var answer = responses[status.ToString()] ?? responses["default"]
            ?? throw new InvalidOperationException($"The contract gives no {status} or default answer for {method} {path}.");
        if (answer["$ref"] is JsonValue r)
        {
            var name = r.GetValue<string>().Split('/').Last();
            answer = OpenApi.Value["components"]!["responses"]![name]!;
        }
        var schema = answer["content"]?["application/json"]?["schema"]
            ?? throw new InvalidOperationException($"The contract gives no JSON body for {status} on {method} {path}.");
        return schema.DeepClone().AsObject();
    }

    private static JsonSchema Build(JsonObject root, bool projected)
    {
        var defs = new JsonObject();
        foreach (var (name, def) in OpenApi.Value["components"]!["schemas"]!.AsObject())
        {
            defs[name] = Translate(def!.AsObject(), projected);
        }
        var document = Translate(root, projected);
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        document["$defs"] = defs;
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(document.ToJsonString(), options, new Uri($"https://contract.secuconnect.test/{Guid.NewGuid():N}"));
    }

    /// <summary>Rewrites one OpenAPI schema object as a JSON Schema object.</summary>
    private static JsonObject Translate(JsonObject source, bool projected)
    {
        var target = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (key is "example" or "examples" or "nullable" or "discriminator" or "xml" or "externalDocs" || key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }
            switch (key)
            {
                case "$ref":
                    target[key] = value!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                    break;
                case "properties":
                    var props = new JsonObject();
                    foreach (var (name, sub) in value!.AsObject()) props[name] = Translate(sub!.AsObject(), projected);
                    target[key] = props;
                    break;
                case "items" or "not" or "additionalProperties" when value is JsonObject sub:
                    target[key] = Translate(sub, projected);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    target[key] = new JsonArray(value!.AsArray().Select(x => (JsonNode)Translate(x!.AsObject(), projected)).ToArray());
                    break;
                case "required" when projected:
                    break;
                default:
                    target[key] = value?.DeepClone();
                    break;
            }
        }
        if (source["nullable"] is JsonValue n && n.GetValue<bool>())
        {
            if (target["type"] is JsonValue t) target["type"] = new JsonArray(t.GetValue<string>(), "null");
            else target = new JsonObject { ["anyOf"] = new JsonArray(target, new JsonObject { ["type"] = "null" }) };
        }
        return target;
    }

    private static void AssertValid(JsonSchema schema, JsonElement instance, string what)
    {
        var results = schema.Evaluate(instance, Options);
        if (results.IsValid) return;
        var errors = new List<string>();
        Collect(results);
        throw new Xunit.Sdk.XunitException(
            $"Answer violates the contract ({what}):\n  " + string.Join("\n  ", errors.Distinct().Take(20)) +
            "\nBody: " + Shorten(instance.GetRawText()));

        void Collect(EvaluationResults r)
        {
            if (r.Errors is not null)
            {
                foreach (var (keyword, message) in r.Errors) errors.Add($"{r.InstanceLocation} [{r.EvaluationPath}/{keyword}] {message}");
            }
            if (r.Details is not null) foreach (var d in r.Details) Collect(d);
        }
    }

    private static string Shorten(string s) => s.Length > 800 ? s[..800] + "…" : s;
}
