using System.Net;
using System.Net.Sockets;

namespace Noa.Stages.Intake;

/// <summary>Classifies addresses that a remote source must not reach (SSRF): anything that is not a public
/// unicast address. Embedded IPv4 forms (mapped, compatible, NAT64, 6to4) are judged by the IPv4 inside.</summary>
internal static class AddressPolicy
{
    /// <summary>Returns why <paramref name="address"/> is not public, or null when it is.</summary>
    public static string? Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return Classify(address.MapToIPv4());
            }
            var b = address.GetAddressBytes();
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
            {
                return "unspecified";
            }
            if (address.Equals(IPAddress.IPv6Loopback))
            {
                return "loopback";
            }
            if (b[0] == 0xff)
            {
                return "multicast";
            }
            if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
            {
                return "link-local";
            }
            if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
            {
                return "site-local";
            }
            if ((b[0] & 0xfe) == 0xfc)
            {
                return "private (unique local)";
            }
            // ::a.b.c.d (deprecated IPv4-compatible), 64:ff9b::a.b.c.d (NAT64) and 2002:AABB:CCDD:: (6to4)
            // reach the IPv4 address they carry.
            if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            {
                return Classify(new IPAddress(b.AsSpan(12, 4)));
            }
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            {
                return Classify(new IPAddress(b.AsSpan(12, 4)));
            }
            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return Classify(new IPAddress(b.AsSpan(2, 4)));
            }
            return null;
        }

        var v4 = address.GetAddressBytes();
        return (v4[0], v4[1]) switch
        {
            (0, _) => "unspecified",
            (10, _) => "private",
            (127, _) => "loopback",
            (100, >= 64 and < 128) => "private (CGNAT)",
            (169, 254) => "link-local",
            (172, >= 16 and < 32) => "private",
            (192, 168) => "private",
            (192, 0) when v4[2] == 0 => "reserved",
            (198, 18 or 19) => "reserved (benchmarking)",
            (>= 224 and < 240, _) => "multicast",
            (>= 240, _) => "reserved",
            _ => null,
        };
    }
}
