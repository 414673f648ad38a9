using Npgsql;

/// <summary>Schema set-up and clean-up around a benchmark run.</summary>
internal static class PostgresAdmin
{
    public static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
