using System.Diagnostics;
using System.Globalization;
using System.Text;
using Noa.Abstractions;
using Noa.Stages.Runner.Planning;

namespace Noa.Stages.Runner.Execution;

/// <summary>
/// Runs one command in its own capsule on the host's read-only <c>/usr</c> (or an Env Synthesis image's root file system), the run's workspace bound writable at
/// <c>/workspace</c> (the only writable place besides its tmpfs), with the Runner's limits and egress policy. The capsule's
/// output is followed as it comes (bounded by its output limit) and its end awaited; a limit that ends it is named. The
/// workspace is a host folder the sandbox's limits do not bound, so disk is bounded here: the shell's file-size limit
/// (<c>ulimit -f</c>) for one file, and a check every second of what the workspace holds, which stops the capsule past
/// <see cref="RunnerOptions.DiskBytes"/>.
/// </summary>
internal sealed class CapsuleStepRunner(ICapsules capsules, RunnerOptions options)
{
    public const string Inside = "/workspace";

    /// <summary>go's configuration file (<c>go env -w</c>), inside the capsule.</summary>
    public const string GoEnv = $"{Inside}/{StepExecutor.ReportFolder}/go/env";
    private static readonly string[] PassedThrough = ["NUGET_CERT_REVOCATION_MODE"];

    // A capsule on the host root sees /usr and /etc, not /var: steps with network (installs) get apt's package lists and
    // dpkg's status read-only, so Debian packages can be looked up and downloaded (Planning/DebianPython).
    private static readonly SandboxBind[] AptState =
        [.. new[] { "/var/lib/apt/lists", "/var/lib/dpkg" }.Where(Directory.Exists).Select(d => new SandboxBind(d, d, Writable: false))];
    private static readonly TimeSpan DiskCheck = TimeSpan.FromSeconds(1);

    // An image's steps with network trust the host's CA bundle, as the image's own build did (a TLS-inspecting proxy's CA is only
    // there): read-only at one path the usual variables name, in the step's /run, never in the image.
    private const string HostCaBundle = "/etc/ssl/certs/ca-certificates.crt";
    private const string HostCaInside = "/run/noa-host-ca.crt";
    private static readonly string[] CaVariables = ["SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "PIP_CERT", "REQUESTS_CA_BUNDLE", "GIT_SSL_CAINFO", "CARGO_HTTP_CAINFO"];

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
    public async Task<Attempt> RunAsync(string workspace, string cwd, string command, IReadOnlyDictionary<string, string> environment, string policy,
        TimeSpan wallTime, string runId, string tenant, StepImage? image, CancellationToken cancellationToken)
    {
        const string system = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CI"] = "true",
            ["LANG"] = "C.UTF-8",
            // npm's cache (every tarball it fetched, ~half of node_modules) in the workspace, not the capsule's tmpfs: an app's
            // frontend fills the tmpfs (256 MB) and npm ends with ENOSPC (exit 228); in the workspace the disk limit bounds it,
            // and the next folder's install reuses what the first one fetched.
            ["npm_config_cache"] = $"{Inside}/{StepExecutor.ReportFolder}/npm",
            ["npm_config_update_notifier"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["NO_COLOR"] = "1",
            // Downloaded dependencies stay in the workspace: each step is its own capsule, and /root and /tmp end with it.
            ["NUGET_PACKAGES"] = $"{Inside}/{StepExecutor.ReportFolder}/nuget",
            ["GOMODCACHE"] = $"{Inside}/{StepExecutor.ReportFolder}/go/mod",
            ["GOPATH"] = $"{Inside}/{StepExecutor.ReportFolder}/go",
            // go's settings live in the workspace's go env file (RunnerStage writes GOFLAGS=-modcacherw there), so an install
            // step can change them for the steps after (Go/debian_go.py: -mod=mod, GOPROXY=off); a GOFLAGS variable would win.
            ["GOENV"] = GoEnv,
            ["CARGO_HOME"] = $"{Inside}/{StepExecutor.ReportFolder}/cargo",
            // Debian's python3-* packages an install step unpacked (Planning/DebianPython); absent folders are ignored.
            ["PYTHONPATH"] = $"{DebianPython.Root}/usr/lib/python3/dist-packages",
            // A package manager an install step put in the workspace (Planning/NodeManager: pnpm, yarn) comes after the host's.
            // In an image, its own PATH (a venv's /venv/bin first) takes the place of the host's folders.
            ["PATH"] = $"{DebianPython.Root}/usr/bin:{image?.Path ?? system}:{NodeManager.ToolsPrefix}/node_modules/.bin",
            // pnpm's store ($PNPM_HOME/store) beside the workspace's node_modules: its hard links need the same file system, and
            // /root is a small tmpfs that ends with the step.
            ["PNPM_HOME"] = $"{Inside}/{StepExecutor.ReportFolder}/pnpm",
        };
        // How this host verifies package signatures (NuGet's revocation checks go to certificate authorities no registry policy names).
        foreach (var name in PassedThrough)
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                env[name] = value;
        var hostCa = image is not null && policy != "none" && File.Exists(HostCaBundle);
        if (hostCa)
            foreach (var name in CaVariables)
                env[name] = HostCaInside;
        foreach (var (k, v) in environment)
            env[k] = v;
        var baseline = Size(workspace);
        var blocks = (options.DiskBytes / 512).ToString(CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        var info = await capsules.SpawnAsync(new CapsuleRequest
        {
            // dash's ulimit -f counts 512-byte blocks; the command runs in a child shell so its own syntax errors are its exit.
            Command = ["/bin/sh", "-c", $"ulimit -f {blocks}; exec /bin/sh -c \"$0\"", command],
            Image = image?.Reference,
            Workspace = workspace,
            WorkingDirectory = cwd.Length == 0 ? Inside : $"{Inside}/{cwd}",
            Environment = env,
            Policy = policy,
            // An image has its own /var (its apt and dpkg state); the host's would describe another system.
            Binds = hostCa ? [new SandboxBind(HostCaBundle, HostCaInside, Writable: false)] : policy == "none" || image is not null ? [] : AptState,
            Limits = Limits(wallTime),
            Tenant = tenant,
            Actor = "stage:runner",
            AuditRunId = runId,
        }, cancellationToken).ConfigureAwait(false);
        var ended = capsules.WaitAsync(info.Id, cancellationToken);
        var output = new StringBuilder();
        string? disk = null;
        try
        {
            using var stopGuard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var guard = GuardAsync(workspace, baseline, info.Id, ended, d => disk = d, stopGuard.Token);
            await foreach (var chunk in capsules.FollowAsync(info.Id, cancellationToken).ConfigureAwait(false))
                output.Append(chunk.Text);
            info = await ended.ConfigureAwait(false);
            await stopGuard.CancelAsync().ConfigureAwait(false);
            await guard.ConfigureAwait(false);
        }
        finally
        {
            await capsules.RemoveAsync(info.Id, CancellationToken.None).ConfigureAwait(false);
        }
        var result = info.Result!;
        if (disk is not null)
            return new Attempt(command, SandboxTermination.Stopped, null, disk, watch.Elapsed.TotalSeconds, output.ToString(), result.Usage) { Disk = true, Egress = info.Egress };
        // SIGXFSZ: a file reached the shell's file-size limit (the shell reports 128 + 25).
        if (result is { Termination: SandboxTermination.Exited, ExitCode: 153 } || result.Signal == 25
            || (result.Termination == SandboxTermination.Exited && output.ToString().Contains("File size limit exceeded", StringComparison.Ordinal)))
            return new Attempt(command, SandboxTermination.Stopped, result.ExitCode, $"disk: a file grew past {options.DiskBytes:N0} bytes (Noa:Runner:DiskBytes)",
                watch.Elapsed.TotalSeconds, output.ToString(), result.Usage) { Disk = true, Egress = info.Egress };
        return new Attempt(command, result.Termination, result.ExitCode, result.Termination == SandboxTermination.Exited ? null : result.Detail,
            watch.Elapsed.TotalSeconds, output.ToString(), result.Usage) { Egress = info.Egress };
    }

    private async Task GuardAsync(string workspace, long baseline, string id, Task ended, Action<string> exceeded, CancellationToken cancellationToken)
    {
        try
        {
            while (!ended.IsCompleted)
            {
                await Task.Delay(DiskCheck, cancellationToken).ConfigureAwait(false);
                var grown = Size(workspace) - baseline;
                if (grown <= options.DiskBytes)
                    continue;
                exceeded($"disk: the workspace grew by {grown:N0} bytes, past {options.DiskBytes:N0} (Noa:Runner:DiskBytes)");
                await capsules.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The step ended first.
        }
    }

    private static long Size(string folder)
    {
        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        try
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", options))
                total += file.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file removed while counted: the next check counts again.
        }
        return total;
    }
}
