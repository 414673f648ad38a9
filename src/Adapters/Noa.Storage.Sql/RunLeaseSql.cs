namespace Noa.Storage.Sql;

/// <summary>
/// The run lease and cancel request statements, the same text for SQLite and Postgres (both take <c>@name</c> parameters,
/// all TEXT; timestamps compare as text because <see cref="SqlText.Time"/> is fixed-width).
/// </summary>
internal static class RunLeaseSql
{
    /// <summary>Parameters: <c>@id</c>, <c>@owner</c>, <c>@now</c>, <c>@until</c>, <c>@replacing</c> (may be null). One row when taken.</summary>
    public const string Take = """
        UPDATE runs SET owner = @owner, lease_until = @until
        WHERE run_id = @id AND state IN ('queued', 'running')
          AND (owner IS NULL OR owner = @owner OR lease_until IS NULL OR lease_until < @now OR owner = @replacing);
        """;

    /// <summary>Parameters: <c>@id</c>, <c>@owner</c>.</summary>
    public const string Release = "UPDATE runs SET owner = NULL, lease_until = NULL WHERE run_id = @id AND owner = @owner;";

    /// <summary>Parameters: <c>@id</c>, <c>@by</c>. One row when the run is open.</summary>
    public const string RequestCancel = "UPDATE runs SET cancel_requested = @by WHERE run_id = @id AND state IN ('queued', 'running');";

    /// <summary>
    /// The <c>ON CONFLICT</c> assignments of a run save: reopening an ended run forgets its old cancel request, and ending
    /// a run ends its lease in the same write (an ended run is held by nobody, even before its holder releases it).
    /// </summary>
    public const string SaveAssignments =
        "cancel_requested = CASE WHEN runs.state NOT IN ('queued', 'running') AND excluded.state IN ('queued', 'running') THEN NULL ELSE runs.cancel_requested END, " +
        "owner = CASE WHEN excluded.state IN ('queued', 'running') THEN runs.owner END, " +
        "lease_until = CASE WHEN excluded.state IN ('queued', 'running') THEN runs.lease_until END";
}
