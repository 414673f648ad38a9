using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Noa.Stages.Intake.Tests.Support;

/// <summary>An HTTP/1.1 server on 127.0.0.1 that answers every request with one fixed body.</summary>
internal sealed class TinyHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    private TinyHttpServer()
    {
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Request lines received, e.g. <c>GET /repo.git/info/refs?service=git-upload-pack HTTP/1.1</c>.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The status line sent back, <c>200 OK</c> unless set.</summary>
    public string Status { get; set; } = "200 OK";

    public static TinyHttpServer Serve(byte[] body)
    {
        var server = new TinyHttpServer();
        server._listener.Start();
        _ = server.LoopAsync(body);
        return server;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task LoopAsync(byte[] body)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                var buffer = new byte[8192];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                lock (Requests)
                {
                    Requests.Add(request.ToString().Split("\r\n")[0]);
                }
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {Status}\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // Stopped.
        }
    }
}
