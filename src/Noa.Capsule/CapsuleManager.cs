using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Capsule.Policy;
using Noa.Capsule.Sidecars;

namespace Noa.Capsule;

/// <summary>
/// <see cref="ICapsules"/>: checks a request (fields, limits within the maxima, the tenant's quota), mounts its image,
/// prepares its workspace and sidecars, starts its sandbox, and when it ends releases everything and records the result.
/// Every spawn, end and egress decision goes to the audit trail. Capsules live in this process: they end with it
/// (bubblewrap dies with its parent), and an ended one stays listed for <see cref="CapsuleOptions.KeepEnded"/>.
/// </summary>
internal sealed partial class CapsuleManager : ICapsules, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningCapsule> _capsules = new(StringComparer.Ordinal);
    private readonly ISandbox _sandbox;
    private readonly IImageBuilder _images;
    private readonly IAuditLog _audit;
    private readonly CapsuleOptions _options;
    private readonly EgressPolicies _policies;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILogger _output;
    private readonly TlsFiles? _tls;
    private readonly BuildProxyFactory _buildProxies;
    private readonly SemaphoreSlim _admission = new(1, 1);

    public CapsuleManager(ISandbox sandbox, IImageBuilder images, IAuditLog audit, IOptions<CapsuleOptions> options, TimeProvider time,
        ILoggerFactory loggers, IMeterFactory meters)
    {
        (_sandbox, _images, _audit, _options, _time) = (sandbox, images, audit, options.Value, time);
        _policies = new EgressPolicies(_options);
        _logger = loggers.CreateLogger<CapsuleManager>();
        _output = loggers.CreateLogger("Noa.Capsule.Output");
        _tls = TlsFiles.From(_options);
        _buildProxies = new BuildProxyFactory(images, _options.SocketDirectory);
        Telemetry = new CapsuleTelemetry(meters, () => _capsules.Values.Where(c => c.IsRunning).Select(c => (c.Id, c.Process.Usage())).ToList());
    }

    public CapsuleTelemetry Telemetry { get; }

    public async Task<CapsuleInfo> SpawnAsync(CapsuleRequest request, CancellationToken cancellationToken = default)
    {
        Forget();
        var limits = request.Limits ?? _options.DefaultLimits.ToLimits();
        var errors = CapsuleValidator.Check(request, limits, _options, _policies);
        if (errors.Count > 0)
            throw new CapsuleRequestException(errors);
        var policy = _policies.Find(request.Policy ?? _options.DefaultPolicy)!;
        var id = "cap_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

        // Admission is one at a time, so two spawns of one tenant never both fit a quota only one of them fits.
        await _admission.WaitAsync(cancellationToken).ConfigureAwait(false);
        var owned = new List<IAsyncDisposable>();
        try
        {
            if (QuotaProblem(request.Tenant, limits) is { } over)
                throw new CapsuleRequestException(new Dictionary<string, string> { ["limits"] = over }, quota: true);
            IImageMount? image = null;
            if (request.Image is { } reference)
            {
                try
                {
                    image = await _images.MountAsync(reference, cancellationToken).ConfigureAwait(false);
                    owned.Add(image);
                }
                catch (ImageNotFoundException e)
                {
                    throw new CapsuleRequestException(new Dictionary<string, string> { ["image"] = e.Message });
                }
            }
            if (request.Command.Count == 0 && image is { Image.Config: { Entrypoint.Count: 0, Cmd.Count: 0 } })
                throw new CapsuleRequestException(new Dictionary<string, string> { ["command"] = $"the image {request.Image} has no command: give one" });

            var workspace = request.Workspace ?? CreateWorkspace(id, owned);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            var listeners = new List<int>();
            if (policy.AllowsAny)
            {
                listeners.Add(_options.ProxyPort);
                var proxy = $"http://127.0.0.1:{_options.ProxyPort}";
                foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy" })
                    environment[name] = proxy;
                environment["NO_PROXY"] = environment["no_proxy"] = "localhost,127.0.0.1";
            }
            var otlp = OtlpEndpoint();
            if (otlp is not null)
            {
                listeners.Add(_options.OtlpPort);
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{_options.OtlpPort}";
            }
            if ((request.TraceParent ?? Activity.Current?.Id) is { } trace && trace.StartsWith("00-", StringComparison.Ordinal))
                environment["TRACEPARENT"] = trace;
            BuildProxy? buildProxy = null;
            if (request.BuildProxy)
            {
                buildProxy = _buildProxies.Create(id, workspace);
                owned.Add(buildProxy);
                environment["DOCKER_HOST"] = "unix://" + CapsuleSpecs.DockerSocket;
                environment["DOCKER_BUILDKIT"] = "0";
            }

            var spec = CapsuleSpecs.Build(id, request, limits, image, workspace, buildProxy?.SocketPath, listeners, environment);
            var process = await _sandbox.StartAsync(spec, cancellationToken).ConfigureAwait(false);
            var capsule = new RunningCapsule(id, request, policy.Name, limits, spec.Command, image?.Image.Id, process,
                new CapsuleLog(_options.LogBufferBytes), _time.GetUtcNow());
            foreach (var resource in owned)
                capsule.Own(resource);
            owned.Clear();
            StartSidecars(capsule, policy, otlp, buildProxy);
            _capsules[id] = capsule;
            capsule.Ended = FinishAsync(capsule);
            Telemetry.Spawned(policy.Name);
            Log.Spawned(_logger, id, request.Image ?? "host", policy.Name, request.Tenant);
            await AuditAsync(capsule, "CapsuleSpawned", new
            {
                image = request.Image, imageId = capsule.ImageId, command = spec.Command, policy = policy.Name, limits = LimitsView.Of(limits),
                ports = request.Ports, buildProxy = request.BuildProxy, tenant = request.Tenant,
            }).ConfigureAwait(false);
            return capsule.Info();
        }
        catch
        {
            foreach (var resource in Enumerable.Reverse(owned))
                await resource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _admission.Release();
        }
    }

    public CapsuleInfo? Get(string id) => _capsules.TryGetValue(id, out var capsule) ? capsule.Info() : null;

    public IReadOnlyList<CapsuleInfo> List(string? tenant = null)
    {
        Forget();
        return _capsules.Values.Where(c => tenant is null || c.Request.Tenant == tenant).Select(c => c.Info())
            .OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    public Task<CapsuleInfo> WaitAsync(string id, CancellationToken cancellationToken = default) =>
        Find(id).Ended.WaitAsync(cancellationToken);

    public IAsyncEnumerable<CapsuleOutput> FollowAsync(string id, CancellationToken cancellationToken = default) =>
        Find(id).Log.FollowAsync(cancellationToken);

    public async Task<CapsuleExecResult> ExecAsync(string id, SandboxExec exec, CancellationToken cancellationToken = default)
    {
        var capsule = Find(id);
        if (!capsule.IsRunning)
            throw new InvalidOperationException($"Capsule {id} has ended.");
        await using var process = await capsule.Process.ExecAsync(exec, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = (new System.Text.StringBuilder(), new System.Text.StringBuilder());
        await foreach (var chunk in process.Output.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            (chunk.Stream == SandboxStream.Stdout ? stdout : stderr).Append(System.Text.Encoding.UTF8.GetString(chunk.Data.Span));
        var result = await process.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(capsule, "CapsuleExec", new { command = exec.Command, exitCode = result.ExitCode, termination = Name(result.Termination) }).ConfigureAwait(false);
        return new CapsuleExecResult(result, stdout.ToString(), stderr.ToString());
    }

    public async Task<Stream> ConnectAsync(string id, int port, CancellationToken cancellationToken = default)
    {
        var capsule = Find(id);
        var socket = await capsule.Process.ConnectAsync(port, cancellationToken).ConfigureAwait(false);
        return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!_capsules.TryGetValue(id, out var capsule))
            return false;
        if (capsule.IsRunning)
            await capsule.Process.StopAsync(cancellationToken).ConfigureAwait(false);
        await capsule.Ended.WaitAsync(cancellationToken).ConfigureAwait(false);
        _capsules.TryRemove(id, out _);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var capsule in _capsules.Values)
            await RemoveAsync(capsule.Id).ConfigureAwait(false);
        _admission.Dispose();
    }

    private RunningCapsule Find(string id) =>
        _capsules.TryGetValue(id, out var capsule) ? capsule : throw new KeyNotFoundException($"There is no capsule '{id}'.");

    private string? QuotaProblem(string tenant, SandboxLimits limits)
    {
        var running = _capsules.Values.Where(c => c.IsRunning && c.Request.Tenant == tenant).ToList();
        var quota = _options.TenantQuota;
        if (running.Count + 1 > quota.MaxRunning)
            return $"tenant '{tenant}' already runs {running.Count} capsules (quota {quota.MaxRunning})";
        if (running.Sum(c => c.Limits.Cpus) + limits.Cpus > quota.MaxCpus)
            return $"tenant '{tenant}' would hold {running.Sum(c => c.Limits.Cpus) + limits.Cpus} CPUs (quota {quota.MaxCpus})";
        if (running.Sum(c => c.Limits.MemoryBytes) + limits.MemoryBytes > quota.MaxMemoryBytes)
            return $"tenant '{tenant}' would hold {running.Sum(c => c.Limits.MemoryBytes) + limits.MemoryBytes} bytes of memory (quota {quota.MaxMemoryBytes})";
        return null;
    }

    private string CreateWorkspace(string id, List<IAsyncDisposable> owned)
    {
        var root = Path.Combine(_options.WorkDirectory, id);
        var workspace = Directory.CreateDirectory(Path.Combine(root, "workspace")).FullName;
        owned.Add(new Removal(root));
        // The sandbox's own unprivileged user must pass through these folders to reach its workspace.
        if (!OperatingSystem.IsWindows())
            foreach (var folder in new[] { _options.WorkDirectory, root })
                File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        return workspace;
    }

    private void StartSidecars(RunningCapsule capsule, EgressPolicy policy, Uri? otlp, BuildProxy? buildProxy)
    {
        var token = capsule.SidecarToken;
        if (policy.AllowsAny)
        {
            var agent = new PolicyAgent(capsule.Id, policy, attempt => AuditEgressAsync(capsule, attempt));
            _ = Task.Run(() => agent.ServeAsync(capsule.Process.Listener(_options.ProxyPort), token), CancellationToken.None);
        }
        if (otlp is not null)
            _ = Task.Run(() => OtlpForwarder.ServeAsync(capsule.Process.Listener(_options.OtlpPort), otlp, token), CancellationToken.None);
        buildProxy?.Start(capsule.Id, token);
        foreach (var port in capsule.Request.Ports.Distinct())
        {
            var mirror = new ServiceMirror(ct => ConnectAsync(capsule.Id, port, ct), _tls);
            capsule.Own(mirror);
            capsule.Published[port] = mirror.Address;
        }
    }

    private async Task<CapsuleInfo> FinishAsync(RunningCapsule capsule)
    {
        var pump = capsule.PumpAsync(_time, output => Log.Output(_output, capsule.Id, output.Stream, output.Text));
        var result = await capsule.Process.Completion.ConfigureAwait(false);
        await pump.ConfigureAwait(false);
        await capsule.Process.DisposeAsync().ConfigureAwait(false);
        var info = await capsule.EndAsync(result, _time.GetUtcNow(), e =>
        {
            Log.CleanupFailed(_logger, capsule.Id, e.Message);
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        Telemetry.Ended(result.Termination);
        Log.Ended(_logger, capsule.Id, result.Termination, result.ExitCode);
        await AuditAsync(capsule, "CapsuleEnded", new
        {
            termination = Name(result.Termination), exitCode = result.ExitCode, signal = result.Signal, detail = result.Detail,
            cpuSeconds = result.Usage.CpuTime.TotalSeconds, peakMemoryBytes = result.Usage.PeakMemoryBytes, peakPids = result.Usage.PeakPids,
            wallSeconds = result.Usage.WallTime.TotalSeconds, stdoutBytes = result.Usage.StdoutBytes, stderrBytes = result.Usage.StderrBytes,
        }).ConfigureAwait(false);
        return info;
    }

    private void Forget()
    {
        var before = _time.GetUtcNow() - _options.KeepEnded;
        foreach (var capsule in _capsules.Values)
            if (!capsule.IsRunning && capsule.Ended.IsCompleted && capsule.Ended.Result.EndedAt < before)
                _capsules.TryRemove(capsule.Id, out _);
    }

    private static Uri? OtlpEndpoint() =>
        Uri.TryCreate(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"), UriKind.Absolute, out var uri) ? uri : null;

    private Task AuditEgressAsync(RunningCapsule capsule, EgressAttempt attempt)
    {
        capsule.Egress(new CapsuleEgress(attempt.Destination, attempt.Allowed, attempt.Reason));
        return AuditAsync(capsule, attempt.Allowed ? "EgressAllowed" : "EgressDenied",
            new { policy = attempt.Policy, method = attempt.Method, destination = attempt.Destination, reason = attempt.Reason }, attempt.Destination);
    }

    private async Task AuditAsync(RunningCapsule capsule, string action, object detail, string? subject = null)
    {
        var record = new AuditRecord
        {
            At = _time.GetUtcNow(), Actor = capsule.Request.Actor, Action = action, RunId = capsule.Request.AuditRunId,
            Subject = subject is null ? $"capsule {capsule.Id}" : $"capsule {capsule.Id} → {subject}",
            Detail = JsonSerializer.Serialize(detail, CapsuleJson.Options),
        };
        try
        {
            await _audit.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.AuditNotWritten(_logger, e, action, capsule.Id);
        }
    }

    private static string Name(SandboxTermination termination) => termination.ToString().ToLowerInvariant();

    /// <summary>Removes a folder when disposed (a capsule's own workspace).</summary>
    private sealed class Removal(string path) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.Spawned, LogLevel.Information, "Capsule {Id} started on {Image} with policy {Policy} for tenant {Tenant}")]
        public static partial void Spawned(ILogger logger, string id, string image, string policy, string tenant);

        [LoggerMessage(LogEvents.Ended, LogLevel.Information, "Capsule {Id} ended: {Termination}, exit code {ExitCode}")]
        public static partial void Ended(ILogger logger, string id, SandboxTermination termination, int? exitCode);

        [LoggerMessage(LogEvents.Output, LogLevel.Information, "{CapsuleId} {Stream}: {Text}")]
        public static partial void Output(ILogger logger, string capsuleId, SandboxStream stream, string text);

        [LoggerMessage(LogEvents.AuditNotWritten, LogLevel.Error, "Could not write the audit record {Action} of capsule {Id}")]
        public static partial void AuditNotWritten(ILogger logger, Exception exception, string action, string id);

        [LoggerMessage(LogEvents.CleanupFailed, LogLevel.Error, "Capsule {Id} left something behind: {Problem}")]
        public static partial void CleanupFailed(ILogger logger, string id, string problem);
    }
}
