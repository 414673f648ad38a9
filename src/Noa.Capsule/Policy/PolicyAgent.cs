using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Noa.Capsule.Policy;

/// <summary>
/// The policy agent: the capsule's only way out. An HTTP proxy on a loopback port inside the capsule (its
/// <c>HTTP_PROXY</c>/<c>HTTPS_PROXY</c>), served from the host: <c>CONNECT host:port</c> (TLS goes through untouched) and
/// plain <c>http://</c> requests are checked against the capsule's egress policy, default deny; each decision is reported
/// (and audited by the caller); an allowed one is connected from the host to the addresses the policy checked, so a
/// name cannot be re-resolved to somewhere else.
/// </summary>
internal sealed class PolicyAgent(string capsuleId, EgressPolicy policy, Func<EgressAttempt, Task> record)
{
    private const int MaxHead = 16 * 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public async Task ServeAsync(Socket listener, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                _ = Task.Run(() => HandleAsync(client, cancellationToken), CancellationToken.None);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The capsule ended.
        }
    }

    private async Task HandleAsync(Socket client, CancellationToken cancellationToken)
    {
        using var _ = client;
        try
        {
            await using var inner = new NetworkStream(client, ownsSocket: false);
            var (head, remainder) = await ReadHeadAsync(inner, cancellationToken).ConfigureAwait(false);
            if (head is null)
                return;
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            if (parts.Length != 3)
            {
                await RefuseAsync(inner, 400, "Bad Request", "not an HTTP request line").ConfigureAwait(false);
                return;
            }
            var (method, target) = (parts[0], parts[1]);
            string host;
            int port;
            var connect = method == "CONNECT";
            if (connect)
            {
                if (!TrySplitHostPort(target, 443, out host, out port))
                {
                    await RefuseAsync(inner, 400, "Bad Request", $"'{target}' is not host:port").ConfigureAwait(false);
                    return;
                }
            }
            else if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
            {
                (host, port) = (uri.IdnHost, uri.Port);
            }
            else
            {
                await RefuseAsync(inner, 400, "Bad Request", "only CONNECT and absolute http:// requests go through this proxy").ConfigureAwait(false);
                return;
            }

            var decision = await policy.DecideAsync(host, port, cancellationToken).ConfigureAwait(false);
            var destination = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
            await record(new EgressAttempt(capsuleId, policy.Name, method, destination, decision.Allowed, decision.Reason)).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                await RefuseAsync(inner, 403, "Forbidden", decision.Reason).ConfigureAwait(false);
                return;
            }
            using var upstream = await ConnectAsync(decision.Addresses, port, cancellationToken).ConfigureAwait(false);
            if (upstream is null)
            {
                await RefuseAsync(inner, 502, "Bad Gateway", $"{destination} did not answer").ConfigureAwait(false);
                return;
            }
            await using var outer = new NetworkStream(upstream, ownsSocket: false);
            if (connect)
                await inner.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            else
                await outer.WriteAsync(Encoding.Latin1.GetBytes(OriginForm(lines, method, target, parts[2])), cancellationToken).ConfigureAwait(false);
            if (remainder.Length > 0)
                await outer.WriteAsync(remainder, cancellationToken).ConfigureAwait(false);
            await Sidecars.Pipe.RelayAsync(inner, outer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away.
        }
    }

    private static async Task<(string? Head, byte[] Remainder)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (n == 0)
                return (null, []);
            length += n;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
                return (Encoding.Latin1.GetString(buffer, 0, end), buffer.AsSpan(end + 4, length - end - 4).ToArray());
        }
        return (null, []);
    }

    /// <summary>The request as the origin expects it: path only, no proxy headers, one request per connection.</summary>
    private static string OriginForm(string[] lines, string method, string target, string version)
    {
        var uri = new Uri(target);
        var head = new StringBuilder().Append(method).Append(' ').Append(uri.PathAndQuery).Append(' ').Append(version).Append("\r\n");
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("Keep-Alive:", StringComparison.OrdinalIgnoreCase))
                continue;
            head.Append(line).Append("\r\n");
        }
        return head.Append("Connection: close\r\n\r\n").ToString();
    }

    private static async Task<Socket?> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ConnectTimeout);
                await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token).ConfigureAwait(false);
                return socket;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
            }
        }
        return null;
    }

    private static async Task RefuseAsync(Stream stream, int status, string reason, string detail)
    {
        var body = Encoding.UTF8.GetBytes($"noa policy agent: {detail}\n");
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
        await stream.WriteAsync(body).ConfigureAwait(false);
    }

    private static bool TrySplitHostPort(string target, int defaultPort, out string host, out int port)
    {
        port = defaultPort;
        host = target;
        var colon = target.LastIndexOf(':');
        if (colon > 0 && !target.EndsWith(']'))
        {
            host = target[..colon];
            if (!int.TryParse(target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                return false;
        }
        host = host.TrimStart('[').TrimEnd(']');
        return host.Length > 0;
    }
}
