using System.Globalization;
using System.Net;

namespace Noa.Capsule.Policy;

/// <summary>One allowed destination: a host (exact, <c>*.suffix</c>, or an IP literal) and a port (or <c>*</c>).</summary>
internal sealed record EgressRule(string Host, int? Port)
{
    public bool IsAddress => IPAddress.TryParse(Host, out _);

    /// <summary>Parses <c>host:port</c>; null with <paramref name="error"/> when it is not one.</summary>
    public static EgressRule? Parse(string text, out string? error)
    {
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not host:port";
            return null;
        }
        var host = text[..colon].Trim().TrimStart('[').TrimEnd(']').ToLowerInvariant();
        var port = text[(colon + 1)..].Trim();
        int? number = null;
        if (port != "*")
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = $"'{text}': the port must be 1-65535 or *";
                return null;
            }
            number = p;
        }
        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal) || (!IPAddress.TryParse(name, out _) && Uri.CheckHostName(name) != UriHostNameType.Dns))
        {
            error = $"'{text}': '{host}' is not a host name, *.suffix or IP address";
            return null;
        }
        return new EgressRule(host, number);
    }

    public bool Matches(string host, int port)
    {
        if (Port is { } p && p != port)
            return false;
        host = host.ToLowerInvariant();
        return Host.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(Host[1..], StringComparison.Ordinal) && host.Length > Host.Length - 1
            : host == Host;
    }

    public override string ToString() => $"{Host}:{(Port?.ToString(CultureInfo.InvariantCulture) ?? "*")}";
}
