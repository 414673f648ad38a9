using System.Net.Sockets;
using System.Text;

namespace Noa.Gateway.Tests;

public sealed class KestrelRefusalLogTests
{
    [Fact]
    public async Task OversizedHeaders431_AndMalformedRequestLine400_AreAudited()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);

        // Kestrel refuses both before any middleware runs; only its own log event tells of them.
        var oversized = await RawAsync(host, "GET /runs HTTP/1.1\r\nHost: x\r\nX-Padding: " + new string('a', 34 * 1024) + "\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 431", oversized, StringComparison.Ordinal);
        var malformed = await RawAsync(host, "G(T /runs HTTP/1.1\r\nHost: x\r\n\r\n"); // "(" cannot be in a method
        Assert.StartsWith("HTTP/1.1 400", malformed, StringComparison.Ordinal);

        var rows = await AuditRows.WaitForAsync(host, r => r.Count(x => x.Action == "RequestRefused") >= 2);
        foreach (var status in new[] { 431, 400 })
        {
            var row = Assert.Single(rows, r => r.Action == "RequestRefused" && r.Subject == $"HTTP {status}");
            var detail = AuditRows.Detail(row);
            Assert.Equal(status, detail.GetProperty("status").GetInt32());
            Assert.Equal("127.0.0.1", detail.GetProperty("client").GetString());
            Assert.False(string.IsNullOrWhiteSpace(detail.GetProperty("reason").GetString()));
        }
    }

    /// <summary>Sends raw bytes on a new connection and returns the answer's first line.</summary>
    private static async Task<string> RawAsync(GatewayHost host, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await reader.ReadLineAsync(timeout.Token) ?? "";
    }
}
