using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary><c>GET /admin/audit</c>: the audit trail, oldest first.</summary>
internal static class AuditEndpoints
{
    public const int MaxLimit = 10_000;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/audit", QueryAsync).WithName("QueryAudit").WithSummary("Query the audit trail")
            .WithDescription("Filters: run (run id), action (e.g. ApiCalled, RunStarted, GateFailed), since (ISO 8601 time), limit (1 to 10000, default 100). Oldest first.")
            .ProducesValidationProblem();

    private static async Task<Results<Ok<IReadOnlyList<AuditRecord>>, ValidationProblem>> QueryAsync(
        string? run, string? action, string? since, int? limit, IAuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                from = parsed;
            else
                errors["since"] = [$"'{since}' is not an ISO 8601 time such as 2026-01-31T12:00:00Z"];
        }
        if (limit is < 1 or > MaxLimit)
            errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        return TypedResults.Ok(await audit.QueryAsync(new AuditQuery(run, action, from, limit ?? 100), cancellationToken));
    }
}
