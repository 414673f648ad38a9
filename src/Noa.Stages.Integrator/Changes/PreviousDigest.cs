using Noa.Abstractions;

namespace Noa.Stages.Integrator.Changes;

/// <summary>
/// Reads an artifact of the latest earlier run of the same source: same tenant, same locator (as Intake recorded it, without
/// credentials) and same ref, created before this run, among the tenant's <see cref="RecentRuns"/> newest runs, the newest
/// one that holds the path. Null without a run store (a stage built without one, as in unit tests) or without such a run.
/// </summary>
internal sealed class PreviousDigest(IRunStore? runs, IArtifactStore? store)
{
    /// <summary>How many of the tenant's newest runs are looked through.</summary>
    public const int RecentRuns = 500;

    private List<RunRecord>? _candidates;

    public async Task<(string RunId, Stream Content)?> OpenAsync(StageContext context, string path, CancellationToken cancellationToken)
    {
        if (runs is null || store is null)
            return null;
        _candidates ??= await CandidatesAsync(context, cancellationToken).ConfigureAwait(false);
        foreach (var run in _candidates)
        {
            var artifact = (await runs.GetArtifactsAsync(run.RunId, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(a => string.Equals(a.Path, path, StringComparison.Ordinal));
            if (artifact is not null && await store.OpenReadAsync(artifact.Sha256, cancellationToken).ConfigureAwait(false) is { } content)
                return (run.RunId, content);
        }
        return null;
    }

    private async Task<List<RunRecord>> CandidatesAsync(StageContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var self = await runs!.GetRunAsync(context.RunId, cancellationToken).ConfigureAwait(false);
        var recent = await runs.ListRunsAsync(new RunQuery(null, RecentRuns, request.Tenant), cancellationToken).ConfigureAwait(false);
        return [.. recent.Where(r => r.RunId != context.RunId
                && string.Equals(r.Request.Tenant, request.Tenant, StringComparison.Ordinal)
                && string.Equals(r.Request.Source, request.Source, StringComparison.Ordinal)
                && string.Equals(r.Request.Ref, request.Ref, StringComparison.Ordinal)
                && (self is null || r.CreatedAt < self.CreatedAt))
            .OrderByDescending(r => r.CreatedAt)];
    }
}
