// Raw HttpClient client for the benchmark: the floor a hand-written C# client reaches against the sandbox, and a
// fast way to seed many customers. Prints one line of JSON. Used by tools/Invoke-Benchmark.ps1.
//   get  --base URI --ids FILE --count N [--repeat R] [--warmup W]   N sequential GETs by id, R timed rounds
//   list --base URI [--page-size P] [--repeat R]                      scroll through every customer, R rounds
//   seed --base URI --count N [--connections C] [--ids-out FILE]      create N customers over C connections
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

if (args.Length == 0 || args[0] is not ("get" or "list" or "seed"))
{
    Console.Error.WriteLine("Usage: get|list|seed --base URI [--ids FILE] [--count N] [--repeat R] [--warmup W] [--page-size P] [--connections C] [--ids-out FILE] [--client ID:SECRET]");
    return 2;
}
string mode = args[0];
string baseUri = "http://127.0.0.1:5080";
string? idsFile = null, idsOut = null;
int count = 1000, repeat = 3, warmup = 50, pageSize = 500, connections = 8;
string clientId = "09ae83af7c37121b2de929b211bad944";
string clientSecret = "9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd";
for (int i = 1; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--base": baseUri = Next().TrimEnd('/'); break;
        case "--ids": idsFile = Next(); break;
        case "--ids-out": idsOut = Next(); break;
        case "--count": count = NextInt(); break;
        case "--repeat": repeat = NextInt(); break;
        case "--warmup": warmup = NextInt(); break;
        case "--page-size": pageSize = NextInt(); break;
        case "--connections": connections = NextInt(); break;
        case "--client": { var v = Next().Split(':', 2); clientId = v[0]; clientSecret = v[1]; break; }
        default: Console.Error.WriteLine($"Unknown option {args[i]}"); return 2;
    }
}

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = mode == "seed" ? connections : 1,
    UseProxy = false,
    AutomaticDecompression = DecompressionMethods.None,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{ Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

using (var tokenResponse = await http.PostAsync(baseUri + "/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["grant_type"] = "client_credentials",
    ["client_id"] = clientId,
    ["client_secret"] = clientSecret,
})))
{
    tokenResponse.EnsureSuccessStatusCode();
    using var doc = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", doc.RootElement.GetProperty("access_token").GetString());
}
string customersUri = baseUri + "/api/v2/Payment/Customers";
var result = new Dictionary<string, object> { ["mode"] = mode };

switch (mode)
{
    case "get":
    {
        string[] ids = File.ReadAllLines(idsFile ?? throw new ArgumentException("--ids is required")).Where(l => l.Length > 0).ToArray();
        if (ids.Length == 0) throw new InvalidOperationException("the ids file is empty");
        // Same requests as the PowerShell loops: GET by id in turn, body read and parsed.
        async Task Loop(int n)
        {
            for (int k = 0; k < n; k++)
            {
                using var response = await http.GetAsync(customersUri + "/" + ids[k % ids.Length], HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                using var doc = await JsonDocument.ParseAsync(body);
                if (doc.RootElement.GetProperty("id").GetString() is null) throw new InvalidDataException("no id");
            }
        }
        await Loop(warmup);
        var rounds = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            var sw = Stopwatch.StartNew();
            await Loop(count);
            rounds.Add(Math.Round(sw.Elapsed.TotalSeconds, 4));
        }
        result["count"] = count;
        result["seconds"] = rounds;
        break;
    }
    case "list":
    {
        var rounds = new List<double>();
        long items = 0;
        for (int r = 0; r < repeat; r++)
        {
            var sw = Stopwatch.StartNew();
            items = 0;
            long total = -1;
            string? scrollId = null;
            while (true)
            {
                string uri = scrollId is null
                    ? $"{customersUri}?count={pageSize}&scroll_expire=5m"
                    : $"{customersUri}?scroll_id={Uri.EscapeDataString(scrollId)}";
                using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                using var doc = await JsonDocument.ParseAsync(body);
                int n = doc.RootElement.GetProperty("data").GetArrayLength();
                if (n == 0) break;
                items += n;
                // Stop at the first answer's total, as the module does, rather than asking for an empty page.
                if (total < 0) total = doc.RootElement.GetProperty("count").GetInt64();
                if (items >= total) break;
                scrollId = doc.RootElement.TryGetProperty("scroll_id", out var s) ? s.GetString() : null;
                if (scrollId is null) break;
            }
            rounds.Add(Math.Round(sw.Elapsed.TotalSeconds, 4));
        }
        result["items"] = items;
        result["seconds"] = rounds;
        break;
    }
    case "seed":
    {
        var created = new string[count];
        int next = -1;
        long errors = 0;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < count)
            {
                string body = "{\"contact\":{\"forename\":\"Seed" + k.ToString(CultureInfo.InvariantCulture) +
                    "\",\"surname\":\"Customer\",\"companyname\":\"Example Inc.\",\"email\":\"seed" + k.ToString(CultureInfo.InvariantCulture) +
                    "@example.com\",\"phone\":\"0049-123-456789\",\"address\":{\"street\":\"Example Street\",\"street_number\":\"6a\",\"postal_code\":\"01234\",\"city\":\"Examplecity\",\"country\":\"DE\"}}}";
                var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(customersUri, content);
                if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref errors); continue; }
                await using var stream = await response.Content.ReadAsStreamAsync();
                using var doc = await JsonDocument.ParseAsync(stream);
                created[k] = doc.RootElement.GetProperty("id").GetString()!;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        result["count"] = count;
        result["errors"] = errors;
        result["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 4);
        if (idsOut is not null) File.WriteAllLines(idsOut, created.Where(id => id is not null));
        if (errors > 0) { Console.WriteLine(JsonSerializer.Serialize(result)); return 1; }
        break;
    }
}
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;
