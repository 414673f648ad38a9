namespace Noa.Stages.Runner.Repair;

/// <summary>One proposal of the repair loop, in runner.json's <c>repair.attempts</c>.</summary>
/// <param name="Step">The step it was for.</param>
/// <param name="N">Its number among the step's attempts (1, 2, …).</param>
/// <param name="Model">The chat model asked.</param>
/// <param name="Outcome">kept (the step now passes), rolled-back (it ran and did not help: the workspace was put back),
/// refused (not run: see <paramref name="Why"/>), model-error (no usable answer: see <paramref name="Why"/>).</param>
/// <param name="Why">Why kept, rolled back, refused, or what the model did wrong.</param>
/// <param name="Proposal">The command proposed, as answered (absent when the model gave none).</param>
/// <param name="Reason">The reason the model gave.</param>
/// <param name="Ending">How the command ended in the capsule, when it ran.</param>
/// <param name="ExitCode">Its exit code, when it exited.</param>
/// <param name="Seconds">The model call and the run together.</param>
internal sealed record RepairAttempt(string Step, int N, string Model, string Outcome, string Why, string? Proposal, string? Reason, string? Ending,
    int? ExitCode, double Seconds)
{
    public const string Kept = "kept";
    public const string RolledBack = "rolled-back";
    public const string Refused = "refused";
    public const string ModelError = "model-error";
}

/// <summary>runner.json's <c>repair</c>: the model loop's configuration and every attempt; absent when the loop is off.</summary>
internal sealed record RepairReport(string Model, string Endpoint, int MaxAttempts, double TotalSeconds, List<RepairAttempt> Attempts);
