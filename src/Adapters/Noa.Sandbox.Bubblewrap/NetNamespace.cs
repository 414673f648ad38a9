using System.Net.Sockets;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// Creates sockets inside a sandbox's network namespace: a socket belongs to the namespace it was created in, so one
/// thread enters the namespace, creates it, and leaves. The host side then serves or uses it like any other socket.
/// </summary>
internal static class NetNamespace
{
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
