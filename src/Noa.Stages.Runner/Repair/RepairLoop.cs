using System.Diagnostics;
using Noa.Stages.Runner.Execution;
using Noa.Stages.Runner.Planning;
using Noa.Stages.Runner.Reporting;
using Noa.Stages.Runner.Results;

namespace Noa.Stages.Runner.Repair;

/// <summary>
/// The repair loop of one run: for a failed step, asks the model for one changed command at a time (at most
/// <see cref="RepairOptions.Attempts"/> per step, all steps within <see cref="RepairOptions.TotalSeconds"/>), checks it
/// (<see cref="ProposalCheck"/>), runs it on a snapshot of the workspace in the step's own capsule (same folder, limits and
/// egress policy), and keeps it only when the step then succeeds and its tests got no worse; otherwise the workspace is put
/// back as it was. A model that cannot be reached or does not answer ends the loop for the rest of the run: the Runner goes on
/// rule-based and the step stays failed. Every attempt is recorded.
/// </summary>
internal sealed class RepairLoop(RepairModel model, RepairOptions options)
{
    private readonly Stopwatch _spent = new();
    private string? _down;

    public List<RepairAttempt> Attempts { get; } = [];

    public RepairReport Report => new(model.Name, model.Endpoint, options.Attempts, options.TotalSeconds, Attempts);

    /// <summary>Runs one command for the step in its capsule: the attempt and the tests it reported.</summary>
    public delegate Task<StepRun> Runner(string command, int n, TimeSpan wall, CancellationToken cancellationToken);

    /// <summary>The proposal that made the step pass, if one did (else the workspace is as it was), and every proposal run.</summary>
    public async Task<(Proposal? Kept, StepRun? Run, List<TriedCommand> Tried)> RepairAsync(PlannedStep step, StepReport failed, TestCounts? before,
        string network, IReadOnlyDictionary<string, string> environment, string workspace, TimeSpan wall, Runner run, CancellationToken cancellationToken)
    {
        var earlier = new List<(string Command, string Ending)>();
        var tried = new List<TriedCommand>();
        for (var n = 1; n <= options.Attempts; n++)
        {
            var left = TimeSpan.FromSeconds(options.TotalSeconds) - _spent.Elapsed;
            if (_down is not null || left < TimeSpan.FromSeconds(1))
                break;
            _spent.Start();
            var clock = Stopwatch.StartNew();
            try
            {
                Proposal proposal;
                try
                {
                    var context = new RepairContext(step.Phase, failed.Cwd, failed.Command!, failed.Source ?? "", failed.Ending ?? "", failed.Output ?? "", network,
                        environment, earlier);
                    proposal = await model.ProposeAsync(context, cancellationToken).ConfigureAwait(false);
                }
                catch (RepairModelException e)
                {
                    // An answer that is not JSON may be better the next time; a server that is down or slow will not be.
                    if (!e.Message.StartsWith("the model's answer", StringComparison.Ordinal))
                        _down = e.Message;
                    Attempts.Add(new RepairAttempt(step.Id, n, model.Name, RepairAttempt.ModelError, e.Message, null, null, null, null, Seconds(clock)));
                    continue;
                }
                var command = proposal.Command.Trim();
                if (ProposalCheck.Refusal(proposal.Command, failed.Command!, earlier.Select(e => e.Command), options.MaxCommandLength) is { } refusal)
                {
                    Attempts.Add(new RepairAttempt(step.Id, n, model.Name, RepairAttempt.Refused, refusal, proposal.Command, proposal.Reason, null, null, Seconds(clock)));
                    earlier.Add((command, "refused: " + refusal));
                    continue;
                }
                var runWall = TimeSpan.FromSeconds(Math.Min(wall.TotalSeconds, Math.Max(1, (left - clock.Elapsed).TotalSeconds)));
                using var snapshot = await WorkspaceSnapshot.TakeAsync(workspace, cancellationToken).ConfigureAwait(false);
                var result = await run(command, n, runWall, cancellationToken).ConfigureAwait(false);
                tried.Add(new TriedCommand(result.Attempt.Command, $"repair {n} ({model.Name})", result.Attempt.Ending, Math.Round(result.Attempt.Seconds, 2)));
                var (keep, why) = Judge(result, before);
                if (!keep)
                    snapshot.Restore();
                Attempts.Add(new RepairAttempt(step.Id, n, model.Name, keep ? RepairAttempt.Kept : RepairAttempt.RolledBack, why, proposal.Command, proposal.Reason,
                    result.Attempt.Ending, result.Attempt.ExitCode, Seconds(clock)));
                if (keep)
                    return (proposal with { Command = command }, result, tried);
                earlier.Add((command, result.Attempt.Ending));
            }
            finally
            {
                _spent.Stop();
            }
        }
        return (null, null, tried);
    }

    /// <summary>Why the repairs of a step were not asked for, when the loop is spent or the model is down; else null.</summary>
    public string? NotAsked => _down is not null ? $"the repair model was not asked again: {_down}"
        : _spent.Elapsed.TotalSeconds >= options.TotalSeconds - 1 ? $"the repair budget ({options.TotalSeconds:0} s, Noa:Runner:Repair:TotalSeconds) is spent" : null;

    // Kept only when the step succeeds and, for tests, as many pass as before with none failing: an exit 0 that ran no test
    // where the failed run ran some is no repair.
    private static (bool Keep, string Why) Judge(StepRun run, TestCounts? before)
    {
        var a = run.Attempt;
        if (!a.Succeeded)
            return (false, a.HitLimit ? $"a capsule limit ended it ({a.Ending})" : $"the step still fails ({a.Ending})");
        var after = run.Counts;
        if (before is { Total: > 0 } && (after is null || after.Total == 0))
            return (false, $"it exited 0 but reported no tests, where the failed run reported {before.Total}");
        if (after is not null && before is not null && after.Passed < before.Passed)
            return (false, $"it exited 0 but fewer tests passed ({after.Passed} < {before.Passed})");
        if (after is { Failed: > 0 })
            return (false, $"it exited 0 but {after.Failed} test(s) failed");
        return (true, after is { Total: > 0 } ? $"the step passes ({a.Ending}; {after.Passed} passed, {after.Failed} failed of {after.Total})" : $"the step passes ({a.Ending})");
    }

    private static double Seconds(Stopwatch clock) => Math.Round(clock.Elapsed.TotalSeconds, 2);
}

/// <summary>One command of a step run in its capsule, with the tests it reported.</summary>
internal sealed record StepRun(Attempt Attempt, List<TestCase> Tests, string? Format, List<string>? Files, TestCounts? Counts);
