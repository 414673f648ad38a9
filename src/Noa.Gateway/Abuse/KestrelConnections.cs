using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Noa.Gateway;

/// <summary>
/// The client address of each open connection by Kestrel's connection id: Kestrel refuses malformed requests (400)
/// and oversized headers (431) before any middleware runs, and names only the connection when it logs them.
/// </summary>
internal sealed class KestrelConnections
{
    private readonly ConcurrentDictionary<string, string> _clients = new(StringComparer.Ordinal);

    /// <summary>The client of an open connection, or <see cref="ClientAddress.Unknown"/>.</summary>
    public string ClientOf(string connectionId) => _clients.TryGetValue(connectionId, out var client) ? client : ClientAddress.Unknown;

    /// <summary>Kestrel connection middleware: remembers the connection's client while it is open.</summary>
    public ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        _clients[connection.ConnectionId] = ClientAddress.Of((connection.RemoteEndPoint as System.Net.IPEndPoint)?.Address);
        try
        {
            await next(connection);
        }
        finally
        {
            _clients.TryRemove(connection.ConnectionId, out _);
        }
    };
}
