using System.Net;
using System.Net.Sockets;

namespace Noa.Stages.Intake;

/// <summary>Resolves a remote host and refuses it when any of its addresses is not public (SSRF), unless
/// <see cref="IntakeOptions.AllowPrivateNetworks"/>. IP literals are judged without any lookup, so refusing
/// them sends no traffic at all.</summary>
internal sealed class HostGuard(IntakeOptions options, Func<string, CancellationToken, Task<IPAddress[]>>? resolver = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve =
        resolver ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));

    public async Task<Checked<IPAddress[]>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await _resolve(bare, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                return Checked<IPAddress[]>.Refuse($"the host '{bare}' cannot be resolved ({ex.SocketErrorCode})");
            }
            if (addresses.Length == 0)
            {
                return Checked<IPAddress[]>.Refuse($"the host '{bare}' has no address");
            }
        }
        if (!options.AllowPrivateNetworks)
        {
            foreach (var address in addresses)
            {
                if (AddressPolicy.Classify(address) is { } why)
                {
                    return Checked<IPAddress[]>.Refuse(
                        $"the host '{bare}' resolves to {address}, a {why} address; remote sources must be public (AllowPrivateNetworks is off)");
                }
            }
        }
        return addresses;
    }
}
