using System.Net;
using System.Net.Sockets;

namespace Noa.Gateway;

/// <summary>
/// The client a refusal is counted against: the peer's IPv4 address, or the /64 network of an IPv6 peer (one host
/// holds a whole /64, so counting single IPv6 addresses would let it rotate past any limit). Behind a reverse proxy
/// the peer is the proxy unless ASP.NET Core's forwarded-headers middleware is configured for it.
/// </summary>
internal static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
            return Unknown;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
