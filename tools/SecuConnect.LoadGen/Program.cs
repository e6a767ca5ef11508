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
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --base URI --connections N --duration S --warmup S --scenario get|create|create-container [--client ID:SECRET]");
            return 2;
    }
}
if (scenario is not ("get" or "create" or "create-container"))
{
    Console.Error.WriteLine("--scenario must be get, create or create-container");
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

// create-container: bank accounts as the bench's container CSV has them, every other one linked to a customer
// created here. Each IBAN is new (the API stores an account once per customer), with valid check digits.
string containersUri = baseUri + "/api/v2/Payment/Containers";
string? containerCustomer = null;
long containerSeq = 0;
if (scenario == "create-container")
{
    using var seeded = await http.SendAsync(NewCreate());
    seeded.EnsureSuccessStatusCode();
    using var doc = JsonDocument.Parse(await seeded.Content.ReadAsStringAsync());
    containerCustomer = doc.RootElement.GetProperty("id").GetString();
}

HttpRequestMessage NewContainerCreate()
{
    long k = Interlocked.Increment(ref containerSeq);
    string link = k % 2 == 0 ? ",\"customer\":{\"id\":\"" + containerCustomer + "\"}" : "";
    var content = new StringContent("{\"type\":\"bank_account\",\"private\":{\"iban\":\"" + GermanIban(k) +
        "\",\"owner\":\"Account Holder\",\"purpose\":\"Bench\"}" + link + "}", Encoding.UTF8);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    return new HttpRequestMessage(HttpMethod.Post, containersUri) { Content = content };
}

// DE, ISO 13616 check digits, bank code 37040044, the 10-digit account number k.
static string GermanIban(long k)
{
    string bban = "37040044" + k.ToString("D10", CultureInfo.InvariantCulture);
    int check = 98 - (int)(decimal.Parse(bban + "131400", CultureInfo.InvariantCulture) % 97);
    return "DE" + check.ToString("D2", CultureInfo.InvariantCulture) + bban;
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
                using var request = scenario switch
                {
                    "get" => new HttpRequestMessage(HttpMethod.Get, getUri),
                    "create-container" => NewContainerCreate(),
                    _ => NewCreate(),
                };
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
