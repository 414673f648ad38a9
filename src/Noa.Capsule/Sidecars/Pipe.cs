namespace Noa.Capsule.Sidecars;

/// <summary>Copies two streams into each other until both directions end (a TCP relay); closing one side ends the other.</summary>
internal static class Pipe
{
    public static async Task RelayAsync(Stream a, Stream b, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = CopyAsync(a, b, stop);
        var down = CopyAsync(b, a, stop);
        await Task.WhenAll(up, down).ConfigureAwait(false);
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationTokenSource stop)
    {
        try
        {
            await from.CopyToAsync(to, stop.Token).ConfigureAwait(false);
            if (to is System.Net.Sockets.NetworkStream network)
                network.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            else
                await to.FlushAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }
}
