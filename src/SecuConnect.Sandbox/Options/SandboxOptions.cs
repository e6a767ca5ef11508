using System.Globalization;
using System.Net;
using SecuConnect.Sandbox.Extras;

namespace SecuConnect.Sandbox.Options;

/// <summary>Start-up options from the command line.</summary>
public sealed class SandboxOptions
{
    public const string DemoClientId = "09ae83af7c37121b2de929b211bad944";
    public const string DemoClientSecret = "9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd";
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public string Urls { get; private set; } = DefaultUrls;

    /// <summary>The parsed --urls: exactly what the server listens on.</summary>
    public IReadOnlyList<ListenAddress> ListenAddresses { get; private set; } = [];
    public bool AllowRemote { get; private set; }
    public string? DataFile { get; private set; }
    public Dictionary<string, string> Clients { get; } = new(StringComparer.Ordinal) { [DemoClientId] = DemoClientSecret };
    public int TokenLifetimeSeconds { get; private set; } = 1200;
    public int AuthFailureStatus { get; private set; } = 403;
    public string ContractId { get; private set; } = "PCR_M32SCZ98Q2N3U4GW70ZAVWWE47XPAH";
    public string MerchantId { get; private set; } = "MRC_WVHJQFQ4JNVYNG5B55TYK748ZCHQP8";
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;
    public bool ShowHelp { get; private set; }
    public ExtraFields ExtraFields { get; private set; } = ExtraFields.None;
    public bool OmitContract { get; private set; }

    /// <summary>
    /// --strict: refuse what the contract does not define instead of passing over it (415 for an API body that is not
    /// JSON, 400 for unknown sort fields, fields paths and contact members) and log the raw request path.
    /// </summary>
    public bool Strict { get; private set; }
    public long RequestLogLimitBytes { get; private set; } = RequestLog.RequestLogBook.DefaultLimitBytes;

    public const string Usage = """
        Usage: secuconnect-sandbox [options]
               dotnet SecuConnect.Sandbox.dll [options]

        A local emulator of the SecuConnect Payment Customers API.

        Options:
          --urls URL[;URL]              addresses to listen on (default http://127.0.0.1:5080; port 0 picks a free port)
          --allow-remote                allow non-loopback addresses in --urls
          --data FILE                   keep customers in this SQLite file (default: in memory)
          --client ID:SECRET            accept another API client (repeatable; the demo client always exists)
          --token-lifetime SECONDS      lifetime of issued tokens (default 1200)
          --auth-failure-status 401|403 status for a missing, unknown or expired token (default 403)
          --contract PCR_...            contract id given to every customer
          --omit-contract               leave contract out of customer answers (as older SDK models do)
          --strict                      refuse what the contract leaves undefined: 415 for an API body that is not
                                        application/json, 400 for unknown sort fields, fields paths and contact
                                        members; the request log keeps the raw path (for a client's own tests)
          --merchant MRC_...            merchant id given to every customer
          --timezone ID                 time zone of created/updated timestamps (default UTC)
          --extra-fields FILE           unmodelled members to return, as PUT /_sandbox/extra-fields takes them
          --request-log-limit BYTES     size of the request log; the oldest entries go beyond it (default 16777216)
          --help                        show this text

        A switch (--allow-remote, --omit-contract, --strict, --help) is on when given alone or as --NAME=true, off as
        --NAME=false; any other value is an error (exit code 2). Given more than once, the last one counts.
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a user-facing message.</summary>
    public static SandboxOptions Parse(string[] args)
    {
        var o = new SandboxOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inline = null;
            int eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string Value()
            {
                if (inline != null) return inline;
                if (i + 1 >= args.Length) throw new ArgumentException($"Option {arg} needs a value.");
                return args[++i];
            }
            bool Switch() => SwitchValue(arg, inline);
            if (!o.Apply(arg.ToLowerInvariant(), Value, Switch)) throw new ArgumentException($"Unknown option '{args[i]}'. Use --help for the list.");
        }
        o.ListenAddresses = ListenAddress.ParseList(o.Urls, o.AllowRemote);
        return o;
    }

    /// <summary>
    /// Applies one option, reading a value option's value through <paramref name="value"/> and a switch's through
    /// <paramref name="flag"/>; false for an unknown option.
    /// </summary>
    private bool Apply(string option, Func<string> value, Func<bool> flag)
    {
        switch (option)
        {
            case "--help": case "-h": case "-?": case "/?": ShowHelp = flag(); break;
            case "--urls": Urls = value(); break;
            case "--allow-remote": AllowRemote = flag(); break;
            case "--data": DataFile = value(); break;
            case "--client":
            {
                string v = value();
                int c = v.IndexOf(':');
                if (c <= 0 || c == v.Length - 1) throw new ArgumentException("Option --client needs ID:SECRET.");
                Clients[v[..c]] = v[(c + 1)..];
                break;
            }
            case "--token-lifetime": TokenLifetimeSeconds = PositiveSeconds(value()); break;
            case "--auth-failure-status":
            {
                string v = value();
                if (v != "401" && v != "403") throw new ArgumentException($"Option --auth-failure-status takes 401 or 403, not '{v}'.");
                AuthFailureStatus = int.Parse(v, CultureInfo.InvariantCulture);
                break;
            }
            case "--omit-contract": OmitContract = flag(); break;
            case "--strict": Strict = flag(); break;
            case "--contract": ContractId = CheckId(value(), "PCR", "--contract"); break;
            case "--merchant": MerchantId = CheckId(value(), "MRC", "--merchant"); break;
            case "--timezone": TimeZone = FindTimeZone(value()); break;
            case "--request-log-limit": RequestLogLimitBytes = LogLimit(value()); break;
            case "--extra-fields": ExtraFields = ReadExtraFields(value()); break;
            default: return false;
        }
        return true;
    }

    /// <summary>
    /// A switch is on when given alone or as =true and off as =false (any case); any other value is refused, so
    /// --allow-remote=false can never mean "allow remote".
    /// </summary>
    private static bool SwitchValue(string option, string? inline)
    {
        if (inline == null || inline.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (inline.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new ArgumentException($"Option {option} is a switch: give it alone, as {option}=true or as {option}=false, not '{option}={inline}'.");
    }

    private static int PositiveSeconds(string v) =>
        int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s > 0
            ? s
            : throw new ArgumentException($"Option --token-lifetime needs a positive number of seconds, not '{v}'.");

    private static TimeZoneInfo FindTimeZone(string v)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(v); }
        catch (Exception) { throw new ArgumentException($"Unknown time zone '{v}'."); }
    }

    private static long LogLimit(string v) =>
        long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && bytes >= 1024 && bytes <= 1L << 30
            ? bytes
            : throw new ArgumentException($"Option --request-log-limit needs a number of bytes from 1024 to 1073741824, not '{v}'.");

    private static ExtraFields ReadExtraFields(string v)
    {
        byte[] json;
        try { json = File.ReadAllBytes(v); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"Option --extra-fields: cannot read '{v}': {e.Message}");
        }
        return ExtraFields.Parse(json, out string? error) ?? throw new ArgumentException($"Option --extra-fields: invalid file '{v}': {error}");
    }

    private static string CheckId(string v, string prefix, string option)
    {
        if (v.Length != 34 || !v.StartsWith(prefix + "_", StringComparison.Ordinal) || !v[4..].All(ch => ch is >= 'A' and <= 'Z' or >= '0' and <= '9'))
            throw new ArgumentException($"Option {option} needs {prefix}_ followed by 30 characters A-Z or 0-9, not '{v}'.");
        return v;
    }
}
