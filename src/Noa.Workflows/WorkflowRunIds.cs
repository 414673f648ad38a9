namespace Noa.Workflows;

/// <summary>Run ids for processes that record runs before an engine executes them (the gateway).</summary>
public static class WorkflowRunIds
{
    /// <summary>A new time-ordered run id: <c>run_</c> + a ULID.</summary>
    public static string New(TimeProvider time) => RunIds.New(time);

    /// <summary>Whether <paramref name="runId"/> is 1 to 64 letters, digits, <c>_</c> or <c>-</c>.</summary>
    public static bool IsValid(string runId) => RunIds.IsValid(runId);
}
