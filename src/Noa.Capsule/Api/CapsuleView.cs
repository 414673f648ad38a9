using Noa.Abstractions;

namespace Noa.Capsule.Api;

/// <summary>A capsule as the API shows it.</summary>
internal sealed record CapsuleView(
    string Id, string State, string? Image, string? ImageId, IReadOnlyList<string> Command, string Policy, LimitsView Limits, UsageView Usage,
    ResultView? Result, IReadOnlyDictionary<int, string> Ports, DateTimeOffset StartedAt, DateTimeOffset? EndedAt)
{
    public static CapsuleView Of(CapsuleInfo c) => new(
        c.Id, c.State == CapsuleState.Running ? "running" : "ended", c.Image, c.ImageId, c.Command, c.Policy, LimitsView.Of(c.Limits),
        UsageView.Of(c.Usage), c.Result is { } r ? ResultView.Of(r) : null, c.PublishedPorts, c.StartedAt, c.EndedAt);
}

/// <summary>Usage in seconds and bytes.</summary>
internal sealed record UsageView(double CpuSeconds, long PeakMemoryBytes, int PeakPids, double WallSeconds, long StdoutBytes, long StderrBytes)
{
    public static UsageView Of(SandboxUsage u) =>
        new(Math.Round(u.CpuTime.TotalSeconds, 3), u.PeakMemoryBytes, u.PeakPids, Math.Round(u.WallTime.TotalSeconds, 3), u.StdoutBytes, u.StderrBytes);
}

/// <summary>How it ended: <c>exited</c>, <c>signaled</c>, or the limit (<c>oom</c>, <c>pids</c>, <c>timeout</c>, <c>output</c>), <c>stopped</c>, <c>failed</c>.</summary>
internal sealed record ResultView(string Termination, int? ExitCode, int? Signal, string? Detail)
{
    public static ResultView Of(SandboxResult r) => new(r.Termination.ToString().ToLowerInvariant(), r.ExitCode, r.Signal, r.Detail);
}

/// <summary>What <c>POST /capsule/spawn</c> answers (202).</summary>
internal sealed record SpawnAccepted(string Id, string State, string Location, IReadOnlyDictionary<int, string> Ports);

/// <summary>What <c>POST /capsules/{id}/exec</c> answers.</summary>
internal sealed record ExecView(ResultView Result, string Stdout, string Stderr);
