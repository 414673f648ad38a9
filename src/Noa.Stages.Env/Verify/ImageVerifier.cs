using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Stages.Env.Planning;

namespace Noa.Stages.Env.Verify;

/// <summary>
/// The proof: builds an app's generated Dockerfile with the Capsule's outer builder (<see cref="IImageBuilder"/>) and, for a server,
/// starts the image in a Capsule (<see cref="ICapsules"/>: bubblewrap on the image's root file system, no network) and probes its
/// port or health path from the host. Needs both in the process (the capsules module); otherwise says so and verifies nothing.
/// </summary>
internal sealed class ImageVerifier(IServiceProvider services, IOptions<EnvOptions> options)
{
    private const int LogTailLines = 40;

    /// <summary>Why nothing can be verified in this process, or null.</summary>
    public string? Unavailable() =>
        !options.Value.Verify ? $"verification is off ({EnvOptions.Section}:Verify=false)"
        : services.GetService<IImageBuilder>() is null || services.GetService<ICapsules>() is null
            ? "no image builder and Capsule in this process (the capsules module: noa serve --target env,capsules)"
            : null;

    public async Task<VerifyReport.App> VerifyAsync(PlannedApp app, string context, string dockerfile, string runId, IRunArtifacts artifacts,
        CancellationToken cancellationToken)
    {
        var builder = services.GetRequiredService<IImageBuilder>();
        var capsules = services.GetRequiredService<ICapsules>();
        var o = options.Value;
        var name = Files.DockerfileWriter.Folder(app.Plan);
        var tag = $"localhost/noa-env/{runId.ToLowerInvariant()}-{name}:1";
        var root = app.Plan.Root;
        ImageBuildResult built;
        var debian = new DebianMapping();
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(o.BuildTimeout);
            try
            {
                built = await builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context, Dockerfile = dockerfile, Tags = [tag], Network = true },
                    debian, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new VerifyReport.App(name, false, o.BuildTimeout.TotalSeconds, Reason: $"the build took longer than {o.BuildTimeout}", Debian: debian.Result(), Root: root);
            }
        }
        if (!built.Succeeded)
            return new VerifyReport.App(name, false, Math.Round(built.Duration.TotalSeconds, 1), Reason: built.Error, LogTail: Tail(built.Log), Debian: debian.Result(), Root: root);
        var stage = o.KeepBuildStage ? await BuildStage.TagAsync(builder, context, dockerfile, tag, cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var image = await builder.InspectAsync(tag, cancellationToken).ConfigureAwait(false);
            var seconds = Math.Round(built.Duration.TotalSeconds, 1);
            var verified = !app.Plan.Server || app.Plan.Port.Value is not { } portText
                ? new VerifyReport.App(name, true, seconds, image?.Size, Reason: app.Plan.Server ? "not started: the plan has no port to probe" : null)
                : await StartAsync(capsules, app, tag, int.Parse(portText, CultureInfo.InvariantCulture), name, seconds, image?.Size, runId, cancellationToken)
                    .ConfigureAwait(false);
            verified = verified with { Debian = debian.Result(), Root = root, BuildStage = stage };
            // Only an image that did what it was built for is kept for publishing.
            if (!o.ExportImages || verified.Answered == false || verified.Started == false)
                return verified;
            return verified with { Image = await ImageExport.WriteAsync(builder, tag, name, artifacts, cancellationToken).ConfigureAwait(false) };
        }
        finally
        {
            await builder.RemoveAsync(tag, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<VerifyReport.App> StartAsync(ICapsules capsules, PlannedApp app, string tag, int port, string name, double buildSeconds, long? size,
        string runId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var state = StateScratch.Create(app.Plan);
        CapsuleInfo capsule;
        try
        {
            capsule = await capsules.SpawnAsync(new CapsuleRequest
            {
                Image = tag,
                Actor = "stage:env",
                AuditRunId = runId,
                Binds = state.Binds,
                Limits = new SandboxLimits { WallTime = o.StartTimeout + TimeSpan.FromSeconds(30), MemoryBytes = 1L << 30, Cpus = 1 },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (CapsuleRequestException e)
        {
            return new VerifyReport.App(name, true, buildSeconds, size, Started: false, Reason: e.Message);
        }
        VerifyReport.App result;
        try
        {
            result = await ProbeAsync(capsules, capsule.Id, app, port, name, buildSeconds, size, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await capsules.RemoveAsync(capsule.Id, CancellationToken.None).ConfigureAwait(false);
        }
        // What it wrote where it may (its data folders and home), and a write the read-only root refused, as its log shows.
        var refused = result.LogTail?.Split('\n').FirstOrDefault(l => l.Contains("EROFS", StringComparison.Ordinal) || l.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase));
        return result with { Wrote = state.Written() is { Count: > 0 } wrote ? wrote : null, WroteOutside = refused?.Trim() };
    }

    /// <summary>Asks until it answers, its container ends, it has spent <see cref="EnvOptions.StartCpuTime"/> of its own CPU time, or
    /// <see cref="EnvOptions.StartTimeout"/> of wall time has passed.</summary>
    private async Task<VerifyReport.App> ProbeAsync(ICapsules capsules, string id, PlannedApp app, int port, string name, double buildSeconds, long? size,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        var clock = Stopwatch.StartNew();
        string? last = null;
        var ended = false;
        var cpu = TimeSpan.Zero;
        while (clock.Elapsed < o.StartTimeout && cpu < o.StartCpuTime)
        {
            var info = capsules.Get(id);
            if (info is { State: not CapsuleState.Running } stopped)
            {
                (last, ended) = ($"the container ended before answering ({stopped.Result?.Termination}, exit {stopped.Result?.ExitCode})", true);
                break;
            }
            cpu = info?.Usage.CpuTime ?? cpu;
            try
            {
                var (status, first) = await AskAsync(capsules, id, port, app.Plan.Health.Value, cancellationToken).ConfigureAwait(false);
                var answered = app.Plan.Health.Value is null || status is > 0 and < 500;
                return new VerifyReport.App(name, true, buildSeconds, size, true, answered, status > 0 ? status : null, first, Math.Round(clock.Elapsed.TotalSeconds, 1),
                    answered ? null : $"answered {status} on {app.Plan.Health.Value}", answered ? null : await TailAsync(capsules, id).ConfigureAwait(false),
                    CpuSeconds: Seconds(capsules, id, cpu));
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                last = $"port {port} did not answer: {e.Message}";
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
        var spent = ended ? last
            : cpu >= o.StartCpuTime ? $"no answer after {o.StartCpuTime.TotalSeconds:0} s of its own CPU time ({clock.Elapsed.TotalSeconds:0} s wall); last: {last}"
            : clock.Elapsed >= o.StartTimeout ? $"no answer within {o.StartTimeout} wall ({cpu.TotalSeconds:0.0} s of its own CPU time); last: {last}"
            : last;
        return new VerifyReport.App(name, true, buildSeconds, size, true, false, Seconds: Math.Round(clock.Elapsed.TotalSeconds, 1),
            Reason: spent, LogTail: await TailAsync(capsules, id).ConfigureAwait(false), CpuSeconds: Seconds(capsules, id, cpu));
    }

    private static double Seconds(ICapsules capsules, string id, TimeSpan cpu) =>
        Math.Round((capsules.Get(id)?.Usage.CpuTime ?? cpu).TotalSeconds, 1);

    /// <summary>One request: an HTTP GET of the health path (its status and first bytes), or, with no path, the connection itself.</summary>
    private static async Task<(int Status, string? First)> AskAsync(ICapsules capsules, string id, int port, string? path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        await using var stream = await capsules.ConnectAsync(id, port, timeout.Token).ConfigureAwait(false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path ?? "/"} HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n"), timeout.Token).ConfigureAwait(false);
        var buffer = new byte[512];
        var read = 0;
        try
        {
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token).ConfigureAwait(false)) > 0)
                read += n;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (read == 0)
                throw new TimeoutException("connected, but nothing was answered within 5 s");
        }
        if (read == 0)
            throw new IOException("the connection was closed without an answer");
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        var status = text.StartsWith("HTTP/", StringComparison.Ordinal) && text.Split(' ') is { Length: > 1 } parts && int.TryParse(parts[1], out var s) ? s : 0;
        return (status, text.Length > 200 ? text[..200] : text);
    }

    private static async Task<string?> TailAsync(ICapsules capsules, string id)
    {
        // Output arrives in chunks that may split lines: joined first, then the last lines kept.
        var text = new StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await foreach (var output in capsules.FollowAsync(id, cts.Token).ConfigureAwait(false))
            {
                text.Append(output.Text);
                if (text.Length > 64 * 1024)
                    text.Remove(0, text.Length - 32 * 1024);
            }
        }
        catch (OperationCanceledException)
        {
            // What was kept so far is the tail.
        }
        return Tail(text.ToString());
    }

    private static string? Tail(string log) =>
        log.Trim().Length == 0 ? null : string.Join('\n', log.TrimEnd().Split('\n').TakeLast(LogTailLines));
}
