namespace SecuConnect.Sandbox.RequestLog;

/// <summary>
/// Masks credential-like query parameters before a query string reaches the request log: clients should never
/// send secrets in a URL, but if one does, the log must not keep it.
/// </summary>
public static class QueryRedaction
{
    private static readonly string[] Sensitive =
        ["client_secret", "client_id", "access_token", "refresh_token", "token", "password", "secret", "code"];

    /// <summary>The query without its leading '?', sensitive values replaced by ***.</summary>
    public static string Redact(string? query)
    {
        if (string.IsNullOrEmpty(query)) return "";
        string q = query[0] == '?' ? query[1..] : query;
        if (!Sensitive.Any(s => q.Contains(s, StringComparison.OrdinalIgnoreCase))) return q;
        var parts = q.Split('&');
        for (int i = 0; i < parts.Length; i++)
        {
            int eq = parts[i].IndexOf('=');
            string key = Uri.UnescapeDataString((eq < 0 ? parts[i] : parts[i][..eq]).Replace('+', ' '));
            if (eq >= 0 && Sensitive.Contains(key, StringComparer.OrdinalIgnoreCase)) parts[i] = parts[i][..eq] + "=***";
        }
        return string.Join('&', parts);
    }
}
