// Load generator for the sandbox: N connections hammer one scenario for a fixed time and the result is printed as
// JSON. Used by tools/Invoke-SandboxBenchmark.ps1; not part of the product.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

string baseUri = "http://127.0.0.1:5080";
int connections = 8;
double duration = 5;
double warmup = 1;
string scenario = "get";
string clientId = "09ae83af7c37121b2de929b211bad944";
string clientSecret = "9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd";

for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--base": baseUri = Next().TrimEnd('/'); break;
        case "--connections": connections = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--duration": duration = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--scenario": scenario = Next().ToLowerInvariant(); break;
        case "--client": { var v = Next().Split(':', 2); clientId = v[0]; clientSecret = v[1]; break; }
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --base URI --connections N --duration S --warmup S --scenario get|create [--client ID:SECRET]");
            return 2;
    }
}
if (scenario is not ("get" or "create"))
{
    Console.Error.WriteLine("--scenario must be get or create");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    UseProxy = false,
    AutomaticDecompression = DecompressionMethods.None,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{ Timeout = TimeSpan.FromSeconds(30) };

// Token from the client credentials grant.
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

byte[] createBody = Encoding.UTF8.GetBytes("""
    {"contact":{"salutation":"Mr.","forename":"John","surname":"Doe","companyname":"Example Inc.","dob":"1991-02-03",
     "email":"example@example.com","phone":"0049-123-456789",
     "address":{"street":"Example Street","street_number":"6a","postal_code":"01234","city":"Examplecity","country":"DE"}}}
    """);
string customersUri = baseUri + "/api/v2/Payment/Customers";
string getUri = customersUri;
if (scenario == "get")
{
    using var seeded = await http.SendAsync(NewCreate());
    seeded.EnsureSuccessStatusCode();
    using var doc = JsonDocument.Parse(await seeded.Content.ReadAsStringAsync());
    getUri = customersUri + "/" + doc.RootElement.GetProperty("id").GetString();
}

HttpRequestMessage NewCreate()
{
    var content = new ByteArrayContent(createBody);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    return new HttpRequestMessage(HttpMethod.Post, customersUri) { Content = content };
}

async Task<(long Ok, long Errors)> Run(TimeSpan length)
{
    long ok = 0, errors = 0;
    var stopAt = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
    var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
    {
        long localOk = 0, localErrors = 0;
        byte[] sink = new byte[16 * 1024];
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            try
            {
                using var request = scenario == "get" ? new HttpRequestMessage(HttpMethod.Get, getUri) : NewCreate();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                while (await body.ReadAsync(sink) > 0) { }
                if (response.IsSuccessStatusCode) localOk++; else localErrors++;
            }
            catch (HttpRequestException) { localErrors++; }
        }
        Interlocked.Add(ref ok, localOk);
        Interlocked.Add(ref errors, localErrors);
    })).ToArray();
    await Task.WhenAll(workers);
    return (ok, errors);
}

if (warmup > 0) await Run(TimeSpan.FromSeconds(warmup));
var sw = Stopwatch.StartNew();
var (requests, failed) = await Run(TimeSpan.FromSeconds(duration));
double seconds = sw.Elapsed.TotalSeconds;

var result = new Dictionary<string, object>
{
    ["scenario"] = scenario,
    ["requests"] = requests,
    ["seconds"] = Math.Round(seconds, 3),
    ["perSecond"] = Math.Round(requests / seconds, 1),
    ["errors"] = failed,
};
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;
