using System.Net;

namespace SecuConnect.Sandbox.Options;

/// <summary>
/// One address to listen on, taken from --urls the way Kestrel reads an address (BindingAddress: scheme, host up to
/// the last ':' before the path, port), and then bound explicitly: the address checked is the address bound. Kestrel
/// treats any host that is neither "localhost" nor an IP literal ("loopback", "me@127.0.0.1", "*", a DNS name) as
/// every interface, and so does this class.
/// </summary>
public sealed record ListenAddress(string Text, ListenAddress.HostKind Kind, IPAddress? Ip, int Port)
{
    public enum HostKind { Localhost, Ip, AnyIp }

    /// <summary>
    /// 127.0.0.0/8 or exactly ::1. IPAddress.IsLoopback also says yes to an IPv4-mapped address (::ffff:127.0.0.1),
    /// which Kestrel cannot bind; those are refused in <see cref="Parse"/> before this is asked.
    /// </summary>
    public bool IsLoopback => Kind == HostKind.Localhost || (Kind == HostKind.Ip && IsLoopbackIp(Ip!));

    private static bool IsLoopbackIp(IPAddress ip) =>
        ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? IPAddress.IsLoopback(ip)
            : ip.Equals(IPAddress.IPv6Loopback);

    /// <summary>Parses a ';'-separated --urls value; throws <see cref="ArgumentException"/> with a user-facing message.</summary>
    public static IReadOnlyList<ListenAddress> ParseList(string urls, bool allowRemote)
    {
        var result = new List<ListenAddress>();
        foreach (string raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = Parse(raw);
            if (!allowRemote && !address.IsLoopback)
                throw new ArgumentException(
                    $"Refusing to listen on non-loopback address '{raw}' ({address.Describe()}): the sandbox has no TLS and accepts demo credentials. " +
                    "Use 127.0.0.1, [::1] or localhost, or --allow-remote to override.");
            result.Add(address);
        }
        if (result.Count == 0) throw new ArgumentException("Option --urls needs at least one address.");
        return result;
    }

    public static ListenAddress Parse(string raw)
    {
        BindingAddress parsed;
        try { parsed = BindingAddress.Parse(raw); }
        catch (FormatException) { throw new ArgumentException($"Invalid address in --urls: '{raw}' (expected http://HOST:PORT)."); }
        if (parsed.IsUnixPipe || parsed.IsNamedPipe)
            throw new ArgumentException($"Unsupported address in --urls: '{raw}': pipes are not supported, use http://HOST:PORT.");
        if (!parsed.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Unsupported address in --urls: '{raw}': only http:// is served (the sandbox has no TLS).");
        if (!string.IsNullOrEmpty(parsed.PathBase))
            throw new ArgumentException($"Unsupported address in --urls: '{raw}': a path is not supported.");
        if (parsed.Port is < 0 or > 65535)
            throw new ArgumentException($"Invalid port in --urls: '{raw}'.");
        if (parsed.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return new ListenAddress(raw, HostKind.Localhost, null, parsed.Port);
        // Kestrel: IPAddress.TryParse on the host as written; anything else binds every interface.
        if (IPAddress.TryParse(parsed.Host, out var ip))
        {
            // A socket cannot bind an IPv4-mapped IPv6 address (::ffff:a.b.c.d): say so instead of failing to bind.
            if (ip.IsIPv4MappedToIPv6)
                throw new ArgumentException(
                    $"Unsupported address in --urls: '{raw}': an IPv4-mapped IPv6 address cannot be listened on; write the IPv4 address ({ip.MapToIPv4()}).");
            return new ListenAddress(raw, HostKind.Ip, ip, parsed.Port);
        }
        return new ListenAddress(raw, HostKind.AnyIp, null, parsed.Port);
    }

    public string Describe() => Kind switch
    {
        HostKind.Localhost => "localhost",
        HostKind.Ip => Ip!.ToString(),
        _ => "every interface: a host that is neither localhost nor an IP address",
    };
}
