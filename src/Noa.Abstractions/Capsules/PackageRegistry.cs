namespace Noa.Abstractions;

/// <summary>One package registry this host's own configuration names, and where it was read.</summary>
/// <param name="Ecosystem"><c>npm</c>, <c>nuget</c>, <c>pip</c>, <c>go</c> or <c>apt</c>.</param>
/// <param name="Url">The registry, index or proxy as configured.</param>
/// <param name="Where">The file, variable or command it was read from.</param>
public sealed record PackageRegistry(string Ecosystem, Uri Url, string Where)
{
    /// <summary>The destination the egress policy allows for it: <c>host:port</c>, the scheme's port when none is given.</summary>
    public string Destination => $"{(Url.HostNameType == UriHostNameType.IPv6 ? "[" + Url.IdnHost + "]" : Url.IdnHost)}:{Url.Port}";
}
