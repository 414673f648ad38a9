using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// The one way an endpoint finds a run by id: a run of another tenant is answered exactly as a run that does not exist
/// (404, same body, one query either way), so a caller can neither see nor touch it nor learn that the id is taken.
/// </summary>
internal static class RunAccess
{
    public static async Task<RunRecord?> FindAsync(this IRunStore store, string id, HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<ApiCaller>();
        var run = await store.GetRunAsync(id, context.RequestAborted);
        return run is not null && caller.Owns(run) ? run : null;
    }

    /// <summary>The run as answered to callers: the sealed source never leaves the stores.</summary>
    public static RunRecord Shown(RunRecord run) =>
        run.Request.SealedSource is null ? run : run with { Request = run.Request with { SealedSource = null } };
}
