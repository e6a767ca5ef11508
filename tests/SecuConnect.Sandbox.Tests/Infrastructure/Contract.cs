using System.Text.Json;
using System.Text.Json.Nodes;
using SecuConnect.Testing;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>
/// Validates answers against the repository's copy of the OpenAPI contract, through the schemas shared with the
/// module's request tests (tests/Shared/ContractSchemas.cs). The contract sets no additionalProperties, so extra
/// members are allowed.
/// </summary>
public static class Contract
{
    private static ContractSchemas Schemas => ContractSchemas.Default;

    /// <summary>The contract file of an operation's path: the containers' own, or the customers' (token, customers).</summary>
    private static ContractSchemas For(string path) =>
        path.StartsWith("/Payment/Containers", StringComparison.Ordinal) ? ContractSchemas.Containers : ContractSchemas.Default;

    /// <summary>The contract file that defines a schema: the containers' for their models, else the customers'.</summary>
    private static ContractSchemas Defining(string name) =>
        ContractSchemas.Containers.OpenApi["components"]!["schemas"]![name] != null ? ContractSchemas.Containers : ContractSchemas.Default;

    /// <summary>
    /// Checks a body against the schema the contract gives for this operation and status (or its default).
    /// <paramref name="projected"/> drops the required lists, for list answers narrowed with <c>fields</c>.
    /// </summary>
    public static void AssertResponse(string path, string method, ApiResponse response, bool projected = false)
    {
        var key = $"{method} {path} {response.StatusCode}";
        AssertValid(For(path).Validate(key, () => ResponseSchema(For(path), path, method, response.StatusCode), Use(projected), response.Json), response.Json, key);
    }

    /// <summary>Checks a value against one of components/schemas.</summary>
    public static void AssertDefinition(string name, JsonElement instance, bool projected = false)
    {
        var key = $"def {name}";
        AssertValid(Defining(name).Validate(key, () => new JsonObject { ["$ref"] = "#/components/schemas/" + name }, Use(projected), instance), instance, key);
    }

    /// <summary>The `required` list the contract gives a schema (inside allOf too).</summary>
    public static IReadOnlyList<string> RequiredOf(string name)
    {
        var result = new List<string>();
        Collect(Defining(name).OpenApi["components"]!["schemas"]![name]!);
        return result;

        void Collect(JsonNode node)
        {
            if (node is not JsonObject o) return;
            if (o["required"] is JsonArray req) result.AddRange(req.Select(x => x!.GetValue<string>()));
            if (o["allOf"] is JsonArray all) foreach (var part in all) Collect(part!);
        }
    }

    private static SchemaUse Use(bool projected) => projected ? SchemaUse.ProjectedResponse : SchemaUse.Response;

    private static JsonObject ResponseSchema(ContractSchemas schemas, string path, string method, int status)
    {
        if (path == "/oauth/token" && method == "post" && status == 200)
        {
            // The contract's oneOf also lists the device-code answer, whose schema requires nothing and so matches
            // any object: a client_credentials answer would match both branches. Use the branch of this grant.
            return new JsonObject { ["$ref"] = "#/components/schemas/OAuthTokenResponse" };
        }

        var operation = schemas.OpenApi["paths"]?[path]?[method]
            ?? throw new InvalidOperationException($"The contract has no operation {method} {path}.");
        var responses = operation["responses"]!.AsObject();
        var answer = responses[status.ToString()] ?? responses["default"]
            ?? throw new InvalidOperationException($"The contract gives no {status} or default answer for {method} {path}.");
        answer = schemas.Resolve(answer);
        var schema = answer["content"]?["application/json"]?["schema"]
            ?? throw new InvalidOperationException($"The contract gives no JSON body for {status} on {method} {path}.");
        return schema.DeepClone().AsObject();
    }

    private static void AssertValid(IReadOnlyList<string> errors, JsonElement instance, string what)
    {
        if (errors.Count == 0) return;
        throw new Xunit.Sdk.XunitException(
            $"Answer violates the contract ({what}):\n  " + string.Join("\n  ", errors) +
            "\nBody: " + Shorten(instance.GetRawText()));
    }

    private static string Shorten(string s) => s.Length > 800 ? s[..800] + "…" : s;
}
