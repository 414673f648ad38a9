namespace Noa.Storage.Sql;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide (ids are unique across the product: this assembly's block is 5001-5099).</summary>
internal static class LogEvents
{
    public const int MigrationApplied = 5001;
}
