using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// Creates sockets inside a sandbox's network namespace: a socket belongs to the namespace it was created in, so one
/// thread enters the namespace, creates it, and leaves. The host side then serves or uses it like any other socket.
/// </summary>
internal static class NetNamespace
{
    private static readonly TimeSpan LoopbackWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A socket listening on 127.0.0.1:<paramref name="port"/> of the namespace of <paramref name="pid"/>. bubblewrap reports
    /// the child's pid while the child is still bringing its loopback up (address, then link), and a bind in between meets
    /// "Cannot assign requested address": that one error is retried until the loopback is up, 5 s at most or until
    /// <paramref name="ended"/> says the sandbox is gone.
    /// </summary>
    public static async Task<Socket> ListenAsync(int pid, int port, Func<bool> ended, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return CreateSocket(pid, s =>
                {
                    s.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    s.Listen(256);
                });
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressNotAvailable }
                                        && waited.Elapsed < LoopbackWait && !ended())
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static Socket CreateSocket(int pid, Action<Socket>? prepare = null)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var own = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle($"/proc/{pid}/ns/net");
                Native.SetNamespace(target, Native.CloneNewNet);
                try
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    prepare?.Invoke(socket);
                }
                finally
                {
                    Native.SetNamespace(own, Native.CloneNewNet);
                }
            }
            catch (Exception e)
            {
                socket?.Dispose();
                error = e;
            }
        }) { IsBackground = true, Name = "noa-netns" };
        thread.Start();
        thread.Join();
        if (error is not null)
            throw new IOException($"Could not open a socket in the sandbox's network (pid {pid}): {error.Message}", error);
        return socket!;
    }
}
