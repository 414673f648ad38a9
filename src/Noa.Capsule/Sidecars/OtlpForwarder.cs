using System.Net.Sockets;

namespace Noa.Capsule.Sidecars;

/// <summary>
/// The telemetry agent's way in for the capsule's own telemetry: an OTLP endpoint on the capsule's loopback
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318</c> inside), each connection relayed to the host's OTLP endpoint.
/// </summary>
internal static class OtlpForwarder
{
    public static async Task ServeAsync(Socket listener, Uri upstream, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                _ = Task.Run(async () =>
                {
                    using var _ = client;
                    try
                    {
                        using var target = new TcpClient();
                        await target.ConnectAsync(upstream.Host, upstream.Port, cancellationToken).ConfigureAwait(false);
                        await using var inside = new NetworkStream(client, ownsSocket: false);
                        await Pipe.RelayAsync(inside, target.GetStream(), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                    {
                    }
                }, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
