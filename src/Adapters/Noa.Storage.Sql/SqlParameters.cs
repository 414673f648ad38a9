using System.Data;
using System.Data.Common;

namespace Noa.Storage.Sql;

/// <summary>
/// Binds <c>@name</c> parameters of a command, each with its type even when null: Postgres cannot infer the type
/// of an untyped null in <c>@p IS NULL</c>, and SQLite does not mind.
/// </summary>
internal readonly struct SqlParameters(DbCommand command)
{
    public SqlParameters Text(string name, string? value) => Add(name, DbType.String, value);

    public SqlParameters Time(string name, DateTimeOffset? value) => Add(name, DbType.String, value is { } v ? SqlText.Time(v) : null);

    public SqlParameters Int32(string name, int value) => Add(name, DbType.Int32, value);

    public SqlParameters Int64(string name, long value) => Add(name, DbType.Int64, value);

    public SqlParameters Int64OrNull(string name, long? value) => Add(name, DbType.Int64, value);

    private SqlParameters Add(string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return this;
    }
}
