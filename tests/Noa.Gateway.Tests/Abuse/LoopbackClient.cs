using System.Net;
using System.Net.Sockets;

namespace Noa.Gateway.Tests;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (Linux answers the whole 127.0.0.0/8 on <c>lo</c>), so one test
/// can be several clients; and one connection per client, so a client's next call is served only after the gateway
/// finished the previous one (its audit included).
/// </summary>
internal static class LoopbackClient
{
    public static HttpClient Create(Uri gateway, string from, string? key = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
