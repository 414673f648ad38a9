using System.Diagnostics;
using System.Text;
using Noa.Abstractions;

namespace Noa.Stages.Runner.Execution;

/// <summary>
/// Runs one command in its own capsule on the host's read-only <c>/usr</c>, the run's workspace bound writable at
/// <c>/workspace</c> (the only writable place besides its tmpfs), with the Runner's limits and egress policy. The capsule's
/// output is followed as it comes (bounded by its output limit) and its end awaited; a limit that ends it is named.
/// </summary>
internal sealed class CapsuleStepRunner(ICapsules capsules, RunnerOptions options)
{
    public const string Inside = "/workspace";

    public SandboxLimits Limits(TimeSpan wallTime) => new()
    {
        Cpus = options.Cpus,
        MemoryBytes = options.MemoryBytes,
        Pids = options.Pids,
        WallTime = wallTime,
        OutputBytes = options.OutputBytes,
        TmpfsBytes = options.TmpfsBytes,
    };

    /// <exception cref="SandboxUnavailableException">This host cannot run sandboxes.</exception>
    /// <exception cref="CapsuleRequestException">The Runner's options ask for what the capsule module refuses (an unknown policy, limits above its maxima).</exception>
    public async Task<Attempt> RunAsync(string workspace, string cwd, string command, IReadOnlyDictionary<string, string> environment, TimeSpan wallTime,
        string runId, string tenant, CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CI"] = "true",
            ["LANG"] = "C.UTF-8",
            ["npm_config_cache"] = "/tmp/.npm",
            ["npm_config_update_notifier"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["NO_COLOR"] = "1",
        };
        foreach (var (k, v) in environment)
            env[k] = v;
        var watch = Stopwatch.StartNew();
        var info = await capsules.SpawnAsync(new CapsuleRequest
        {
            Command = ["/bin/sh", "-c", command],
            Workspace = workspace,
            WorkingDirectory = cwd.Length == 0 ? Inside : $"{Inside}/{cwd}",
            Environment = env,
            Policy = options.Policy,
            Limits = Limits(wallTime),
            Tenant = tenant,
            Actor = "stage:runner",
            AuditRunId = runId,
        }, cancellationToken).ConfigureAwait(false);
        var output = new StringBuilder();
        try
        {
            await foreach (var chunk in capsules.FollowAsync(info.Id, cancellationToken).ConfigureAwait(false))
                output.Append(chunk.Text);
            info = await capsules.WaitAsync(info.Id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await capsules.RemoveAsync(info.Id, CancellationToken.None).ConfigureAwait(false);
        }
        var result = info.Result!;
        return new Attempt(command, result.Termination, result.ExitCode, result.Termination == SandboxTermination.Exited ? null : result.Detail,
            watch.Elapsed.TotalSeconds, output.ToString(), result.Usage);
    }
}
