using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;
using SecuConnect.Sandbox.Auth;
using SecuConnect.Sandbox.Containers;
using SecuConnect.Sandbox.Control;
using SecuConnect.Sandbox.Customers;
using SecuConnect.Sandbox.Faults;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Options;
using SecuConnect.Sandbox.RequestLog;
using SecuConnect.Sandbox.Scrolls;
using SecuConnect.Sandbox.Store;

SandboxOptions options;
try
{
    options = SandboxOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("SecuConnect.Sandbox: " + e.Message);
    return 2;
}
if (options.ShowHelp)
{
    Console.Out.WriteLine(SandboxOptions.Usage);
    return 0;
}

IRecordStore<CustomerRecord> store;
try
{
    store = options.DataFile == null ? new InMemoryRecordStore<CustomerRecord>(CustomerIds.Products) : new SqliteCustomerStore(options.DataFile);
}
catch (DataFileInUseException e)
{
    Console.Error.WriteLine("SecuConnect.Sandbox: " + e.Message);
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidDataException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"SecuConnect.Sandbox: cannot open data file '{options.DataFile}': {e.Message}");
    return 1;
}

using var storeLifetime = store;
IndexedContainerStore containerStore;
try
{
    // Containers live in their own table of the same data file; a file from before containers gets the table now.
    containerStore = new IndexedContainerStore(options.DataFile == null
        ? new InMemoryRecordStore<ContainerRecord>(ProductIds.Containers)
        : new SqliteRecordStore<ContainerRecord>(options.DataFile, "containers", ProductIds.Containers, ContainerJsonWriter.Load,
            r => System.Text.Encoding.UTF8.GetString(ContainerJsonWriter.Serialize(r, customer: null, masked: false))));
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidDataException)
{
    Console.Error.WriteLine($"SecuConnect.Sandbox: cannot open data file '{options.DataFile}': {e.Message}");
    return 1;
}
using var containerStoreLifetime = containerStore;
var containerReferences = new ContainerReferences(containerStore);
// An empty builder: no environment variables, appsettings.json or command-line configuration, so nothing but the
// parsed --urls can add an endpoint (Kestrel__Endpoints__..., ASPNETCORE_URLS and the like are not read).
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
builder.WebHost.UseKestrelCore();
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    // Request bodies (API and test controls) are read within Kestrel's limit: beyond it the read fails with 413,
    // which the endpoint filters answer in the API's error format.
    k.Limits.MaxRequestBodySize = HttpIo.MaxBodyBytes;
    foreach (var address in options.ListenAddresses)
    {
        switch (address.Kind)
        {
            case ListenAddress.HostKind.Localhost when address.Port == 0:
                // Kestrel cannot pick one free port for both loopback addresses: take IPv4's.
                k.Listen(System.Net.IPAddress.Loopback, 0);
                break;
            case ListenAddress.HostKind.Localhost:
                k.ListenLocalhost(address.Port);
                break;
            case ListenAddress.HostKind.Ip:
                k.Listen(address.Ip!, address.Port);
                break;
            default:
                k.ListenAnyIP(address.Port);
                break;
        }
    }
});
// Diagnostics go to stderr, warnings and up only: stdout carries just the "Now listening on" lines.
builder.Logging.ClearProviders();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
// Endpoint routing for the minimal API (Http/SandboxRoutes.cs); the empty builder registers none of it itself.
builder.Services.AddRoutingCore();

var app = builder.Build();

var time = TimeProvider.System;
var settings = new RuntimeSettings(options);
var tokens = new TokenService(settings, time);
var faults = new FaultRegistry();
var log = new RequestLogBook(options.RequestLogLimitBytes);
var scrolls = new ScrollRegistry(time);
var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecuConnect.Sandbox");

app.UseNormalisedPaths();
app.UseRouting();
app.MapSandbox(
    new TokenEndpoint(new ClientRegistry(options.Clients), tokens),
    new CustomersEndpoint(store, options, settings, time, scrolls, containerReferences),
    new ContainersEndpoint(containerStore, store, containerReferences, options, settings, time, scrolls),
    new ControlEndpoints(store, containerStore, tokens, faults, log, scrolls, settings),
    new ApiRequestFilter(faults, log, options, time, logger),
    new BearerTokenFilter(tokens, settings, options),
    new ControlRequestFilter(logger),
    options,
    settings);

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (string address in addresses) Console.Out.WriteLine("Now listening on: " + address);
    Console.Out.Flush();
});

try
{
    await app.RunAsync();
}
catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
{
    // An address in use, or one this machine does not have: a message and exit code 1, never an unhandled crash.
    Console.Error.WriteLine($"SecuConnect.Sandbox: cannot listen on {options.Urls}: {e.Message}");
    return 1;
}
return 0;
