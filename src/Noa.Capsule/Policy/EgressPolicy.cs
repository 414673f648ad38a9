using System.Net;
using System.Net.Sockets;

namespace Noa.Capsule.Policy;

/// <summary>
/// A named egress policy: default deny, the listed destinations allowed. A host name's addresses are checked too: one that
/// resolves to a loopback, private, link-local or otherwise local address is denied (no DNS rebinding to the host's own
/// services); only a rule naming that address literally allows it.
/// </summary>
internal sealed class EgressPolicy
{
    public const string None = "none";

    /// <summary>The built-in policy of the package registries this host is configured for.</summary>
    public const string Registries = "registries";

    private readonly IReadOnlyList<EgressRule> _rules;

    public EgressPolicy(string name, IReadOnlyList<EgressRule> rules) => (Name, _rules) = (name, rules);

    public string Name { get; }

    /// <summary>Whether any destination is allowed (else the capsule gets no proxy at all).</summary>
    public bool AllowsAny => _rules.Count > 0;

    public IReadOnlyList<EgressRule> Rules => _rules;

    /// <summary>The decision for <paramref name="host"/>:<paramref name="port"/>: the addresses to connect to, or why not.</summary>
    public async Task<EgressDecision> DecideAsync(string host, int port, CancellationToken cancellationToken)
    {
        var rule = _rules.FirstOrDefault(r => r.Matches(host, port));
        if (rule is null)
            return EgressDecision.Deny($"{host}:{port} is not allowed by policy '{Name}'");
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
            addresses = [literal];
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                return EgressDecision.Deny($"{host} does not resolve ({e.SocketErrorCode})");
            }
        }
        var usable = addresses.Where(a => rule.IsAddress ? a.ToString() == IPAddress.Parse(rule.Host).ToString() : !IsLocal(a)).ToArray();
        if (usable.Length == 0)
            return EgressDecision.Deny($"{host} resolves only to local or private addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}), which policy '{Name}' does not name");
        return EgressDecision.Allow(usable, $"allowed by {rule}");
    }

    /// <summary>Loopback, private (RFC 1918, ULA), link-local, unspecified, CGNAT or multicast.</summary>
    public static bool IsLocal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (address.GetAddressBytes()[0] & 0xFE) == 0xFC;
        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224;
    }
}

/// <summary>Allowed (with the addresses to use) or denied, and why.</summary>
internal sealed record EgressDecision(bool Allowed, IReadOnlyList<IPAddress> Addresses, string Reason)
{
    public static EgressDecision Allow(IReadOnlyList<IPAddress> addresses, string reason) => new(true, addresses, reason);

    public static EgressDecision Deny(string reason) => new(false, [], reason);
}
