using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecuConnect.Testing;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// Checks a request the module sent (as the FakeHandler recorded it) against the contract copy: an operation exists for
/// its method and path, path parameters and every query parameter are declared and match their schemas, and the body
/// has a declared content type and matches the request schema (server-managed members left out).
/// </summary>
internal static class ContractRequests
{
    private const string ApiRoot = "/api/v2";
    private static ContractSchemas Contract => ContractSchemas.Default;

    /// <summary>Fails with every violation found; returns the contract's path template of the request.</summary>
    public static string AssertValid(RecordedRequest request, SchemaUse bodyUse = SchemaUse.ClosedRequest)
    {
        var errors = new List<string>();
        string template = Check(request, bodyUse, errors);
        if (errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"{request.Method} {request.Path}?{request.Query} violates the contract:\n  " +
                string.Join("\n  ", errors) + "\nBody: " + request.Body);
        }
        return template;
    }

    private static string Check(RecordedRequest request, SchemaUse bodyUse, List<string> errors)
    {
        string method = request.Method.ToLowerInvariant();
        var (template, pathItem, pathValues) = Match(request.Path);
        if (pathItem == null)
        {
            errors.Add($"no path of the contract matches {request.Path}");
            return "";
        }
        if (pathItem[method] is not JsonObject operation)
        {
            errors.Add($"the contract has no {request.Method} on {template}");
            return template;
        }

        // Parameters: the path item's and the operation's, by name and location.
        var parameters = new Dictionary<(string, string), JsonObject>();
        foreach (var list in new[] { pathItem["parameters"], operation["parameters"] })
        {
            if (list is not JsonArray array) continue;
            foreach (var p in array)
            {
                var resolved = Contract.Resolve(p!).AsObject();
                parameters[(resolved["in"]!.GetValue<string>(), resolved["name"]!.GetValue<string>())] = resolved;
            }
        }
        foreach (var (name, value) in pathValues)
        {
            if (!parameters.TryGetValue(("path", name), out var p)) errors.Add($"path parameter {name} is not declared");
            else CheckValue(p, value, $"path parameter {name}", errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in ParseQuery(request.Query, errors))
        {
            if (!seen.Add(name)) errors.Add($"query parameter {name} is sent twice");
            if (!parameters.TryGetValue(("query", name), out var p)) errors.Add($"query parameter {name} is not declared for {request.Method} {template}");
            else CheckValue(p, value, $"query parameter {name}", errors);
        }
        foreach (var ((where, name), p) in parameters)
        {
            if (where == "query" && p["required"] is JsonValue r && r.GetValue<bool>() && !seen.Contains(name)) errors.Add($"required query parameter {name} is missing");
        }

        // Security: every API operation takes the bearer token; the token endpoint none.
        bool secured = !(operation["security"] is JsonArray s && s.Count == 0);
        if (secured && (request.AuthScheme != "Bearer" || string.IsNullOrEmpty(request.Bearer))) errors.Add("no bearer token");
        if (!secured && request.AuthScheme != null) errors.Add($"an Authorization header ({request.AuthScheme}) on an operation without security");

        CheckBody(request, operation, template, bodyUse, errors);
        return template;
    }

    private static void CheckBody(RecordedRequest request, JsonObject operation, string template, SchemaUse use, List<string> errors)
    {
        if (operation["requestBody"] is not JsonNode bodyNode)
        {
            if (!string.IsNullOrEmpty(request.Body)) errors.Add($"a body on {request.Method} {template}, which takes none");
            return;
        }
        var body = Contract.Resolve(bodyNode).AsObject();
        if (string.IsNullOrEmpty(request.Body))
        {
            if (body["required"] is JsonValue req && req.GetValue<bool>()) errors.Add("the required body is missing");
            return;
        }
        if (request.ContentType == null || !MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
        {
            errors.Add("a body without Content-Type");
            return;
        }
        var content = body["content"]!.AsObject();
        if (content[media.MediaType!] is not JsonObject mediaObject)
        {
            errors.Add($"Content-Type {media.MediaType} is not one of {string.Join(", ", content.Select(c => c.Key))}");
            return;
        }
        if (media.CharSet != null && !media.CharSet.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) errors.Add($"charset {media.CharSet}, not utf-8");

        JsonElement instance;
        if (media.MediaType == "application/x-www-form-urlencoded")
        {
            var form = new JsonObject();
            foreach (var (k, v) in ParseQuery(request.Body, errors))
            {
                if (form.ContainsKey(k)) errors.Add($"form field {k} is sent twice");
                form[k] = v;
            }
            instance = JsonSerializer.SerializeToElement(form);
        }
        else
        {
            try { instance = JsonDocument.Parse(request.Body).RootElement.Clone(); }
            catch (JsonException e) { errors.Add("the body is not JSON: " + e.Message); return; }
        }
        var schema = mediaObject["schema"]!;
        errors.AddRange(Contract.Validate($"{request.Method} {template} {media.MediaType}", () => schema.DeepClone().AsObject(), use, instance));
    }

    private static void CheckValue(JsonObject parameter, string value, string what, List<string> errors)
    {
        var schema = Contract.Resolve(parameter["schema"]!).AsObject();
        string? type = schema["type"]?.GetValue<string>();
        JsonElement instance;
        if (type == "integer")
        {
            if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n))
            {
                errors.Add($"{what} '{value}' is not an integer");
                return;
            }
            instance = JsonSerializer.SerializeToElement(n);
        }
        else if (type is "string" or null) instance = JsonSerializer.SerializeToElement(value);
        else
        {
            errors.Add($"{what}: the test cannot check a {type} parameter");
            return;
        }
        foreach (var e in Contract.Validate($"param {parameter["in"]} {parameter["name"]}", () => schema.DeepClone().AsObject(), SchemaUse.Request, instance))
            errors.Add($"{what} '{value}': {e}");
    }

    /// <summary>name=value pairs of a query string or form body, percent-decoded ('+' is a space, as in forms).</summary>
    public static List<(string Name, string Value)> ParseQuery(string? query, List<string>? errors = null)
    {
        var result = new List<(string, string)>();
        if (string.IsNullOrEmpty(query)) return result;
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            if (part.Length == 0) { errors?.Add("an empty query or form part (&&)"); continue; }
            int eq = part.IndexOf('=');
            if (eq <= 0) { errors?.Add($"'{part}' has no name=value form"); continue; }
            result.Add((Decode(part[..eq]), Decode(part[(eq + 1)..])));
        }
        return result;

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }

    private static (string Template, JsonObject? PathItem, List<(string, string)> Values) Match(string path)
    {
        string relative;
        if (path == "/oauth/token") relative = path;
        else if (path.StartsWith(ApiRoot + "/", StringComparison.Ordinal)) relative = path[ApiRoot.Length..];
        else return ("", null, []);
        var segments = relative.Split('/');
        foreach (var (template, item) in Contract.OpenApi["paths"]!.AsObject())
        {
            if (template == "/oauth/token" && relative != path) continue;
            var parts = template.Split('/');
            if (parts.Length != segments.Length) continue;
            var values = new List<(string, string)>();
            bool ok = true;
            for (int i = 0; i < parts.Length && ok; i++)
            {
                if (parts[i].StartsWith('{') && parts[i].EndsWith('}'))
                {
                    if (segments[i].Length == 0) ok = false;
                    else values.Add((parts[i][1..^1], Uri.UnescapeDataString(segments[i])));
                }
                else ok = string.Equals(parts[i], segments[i], StringComparison.Ordinal);
            }
            if (ok) return (template, item!.AsObject(), values);
        }
        return ("", null, []);
    }
}
