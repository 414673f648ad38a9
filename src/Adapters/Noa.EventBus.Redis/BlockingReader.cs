using StackExchange.Redis;

namespace Noa.EventBus.Redis;

/// <summary>A dedicated connection that runs one blocking command at a time, and its server-side client id
/// so another connection can wake it with <c>CLIENT UNBLOCK</c>.</summary>
internal sealed class BlockingReader(ConnectionMultiplexer connection, long clientId) : IAsyncDisposable
{
    public IDatabase Database { get; } = connection.GetDatabase();

    public long ClientId { get; } = clientId;

    /// <summary>Set when a command failed on the connection, so it is closed instead of reused.</summary>
    public bool Broken { get; set; }

    public static async Task<BlockingReader> OpenAsync(RedisConnector connector)
    {
        var connection = await connector.ConnectDedicatedAsync();
        try
        {
            var id = (long)await connection.GetDatabase().ExecuteAsync("CLIENT", "ID");
            return new BlockingReader(connection, id);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
