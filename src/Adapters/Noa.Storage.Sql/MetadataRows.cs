using System.Data.Common;
using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Storage.Sql;

/// <summary>
/// Reads the rows of the shared schema into the port's records; SQLite and Postgres return the same
/// columns in the same order, so one reader per table serves both stores.
/// </summary>
internal static class MetadataRows
{
    public const string RunColumns = "SELECT run_id, workflow, state, request, reason, created_at, updated_at, tenant, owner, lease_until, cancel_requested, trace_parent, usable_at FROM runs";

    public static RunRecord Run(DbDataReader r) => new()
    {
        RunId = r.GetString(0),
        Workflow = r.GetString(1),
        State = SqlText.ParseEnum<RunState>(r.GetString(2)),
        // The column is the owner (it never changes once stored); the request's copy is what the run was asked with.
        Request = (JsonSerializer.Deserialize<DigestRequest>(r.GetString(3), SqlText.Json)
            ?? throw new InvalidDataException($"Run {r.GetString(0)} has an empty request.")) with { Tenant = r.GetString(7) },
        Reason = NullableString(r, 4),
        CreatedAt = SqlText.ParseTime(r.GetString(5)),
        UpdatedAt = SqlText.ParseTime(r.GetString(6)),
        Owner = NullableString(r, 8),
        LeaseUntil = r.IsDBNull(9) ? null : SqlText.ParseTime(r.GetString(9)),
        CancelRequestedBy = NullableString(r, 10),
        TraceParent = NullableString(r, 11),
        UsableAt = r.IsDBNull(12) ? null : SqlText.ParseTime(r.GetString(12)),
    };

    public static StageAttempt Attempt(DbDataReader r) => new()
    {
        RunId = r.GetString(0),
        Stage = r.GetString(1),
        Attempt = r.GetInt32(2),
        Status = r.IsDBNull(3) ? null : SqlText.ParseEnum<StageStatus>(r.GetString(3)),
        StartedAt = SqlText.ParseTime(r.GetString(4)),
        EndedAt = r.IsDBNull(5) ? null : SqlText.ParseTime(r.GetString(5)),
        Summary = NullableString(r, 6),
        ErrorType = NullableString(r, 7),
        Message = NullableString(r, 8),
        Worker = NullableString(r, 9),
        HeartbeatAt = r.IsDBNull(10) ? null : SqlText.ParseTime(r.GetString(10)),
    };

    public static RunArtifact Artifact(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5));

    public static AuditRecord Audit(DbDataReader r) => new()
    {
        At = SqlText.ParseTime(r.GetString(0)),
        Actor = r.GetString(1),
        Action = r.GetString(2),
        RunId = NullableString(r, 3),
        Subject = NullableString(r, 4),
        Detail = NullableString(r, 5),
    };

    public static ApiKey Key(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Name = r.GetString(1),
        SecretHash = r.GetString(2),
        Scopes = JsonSerializer.Deserialize<string[]>(r.GetString(3), SqlText.Json) ?? [],
        CreatedAt = SqlText.ParseTime(r.GetString(4)),
        CreatedBy = r.GetString(5),
        RevokedAt = r.IsDBNull(6) ? null : SqlText.ParseTime(r.GetString(6)),
        Tenant = NullableString(r, 7),
    };

    public static PolicyDocument Policy(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), SqlText.ParseTime(r.GetString(2)), r.GetString(3));

    private static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
