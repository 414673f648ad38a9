namespace Noa.Storage.Sqlite;

/// <summary>The shared metadata schema (<see cref="MetadataSchema"/>) in SQLite's dialect.</summary>
internal static class Schema
{
    public static IReadOnlyList<Migration> Migrations { get; } = MetadataSchema.For(SqlDialect.Sqlite);
}
