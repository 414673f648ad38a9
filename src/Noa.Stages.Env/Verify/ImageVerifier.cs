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
        CapsuleInfo capsule;
        try
        {
            capsule = await capsules.SpawnAsync(new CapsuleRequest
            {
                Image = tag,
                Actor = "stage:env",
                AuditRunId = runId,
                Limits = new SandboxLimits { WallTime = o.StartTimeout + TimeSpan.FromSeconds(30), MemoryBytes = 1L << 30, Cpus = 1 },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (CapsuleRequestException e)
        {
            return new VerifyReport.App(name, true, buildSeconds, size, Started: false, Reason: e.Message);
        }
        try
        {
            var clock = Stopwatch.StartNew();
            string? last = null;
            while (clock.Elapsed < o.StartTimeout)
            {
                if (capsules.Get(capsule.Id) is { State: not CapsuleState.Running } ended)
                {
                    last = $"the container ended before answering ({ended.Result?.Termination}, exit {ended.Result?.ExitCode})";
                    break;
                }
                try
                {
                    var (status, first) = await AskAsync(capsules, capsule.Id, port, app.Plan.Health.Value, cancellationToken).ConfigureAwait(false);
                    var answered = app.Plan.Health.Value is null || status is > 0 and < 500;
                    return new VerifyReport.App(name, true, buildSeconds, size, true, answered, status > 0 ? status : null, first, Math.Round(clock.Elapsed.TotalSeconds, 1),
                        answered ? null : $"answered {status} on {app.Plan.Health.Value}", answered ? null : await TailAsync(capsules, capsule.Id).ConfigureAwait(false));
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    last = $"port {port} did not answer: {e.Message}";
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
            return new VerifyReport.App(name, true, buildSeconds, size, true, false, Seconds: Math.Round(clock.Elapsed.TotalSeconds, 1),
                Reason: last ?? $"no answer within {o.StartTimeout}", LogTail: await TailAsync(capsules, capsule.Id).ConfigureAwait(false));
        }
        finally
        {
            await capsules.RemoveAsync(capsule.Id, CancellationToken.None).ConfigureAwait(false);
        }
    }

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
