namespace Noa.Abstractions;

/// <summary>
/// Capsules: where code that is not ours runs. A capsule is an <see cref="ISandbox"/> process tree (on the host's
/// read-only <c>/usr</c> or an image's root file system) with sidecars at its boundary: a policy agent (the only way out,
/// an HTTP proxy that allows what the named egress policy lists, each decision audited), a build proxy (the Docker
/// Engine build API on <c>/run/docker.sock</c>, forwarding to the outer <see cref="IImageBuilder"/>), a service mirror
/// (<see cref="ConnectAsync"/>: inner ports reached from outside) and a telemetry agent (output and cgroup counters as
/// OpenTelemetry logs and metrics; an OTLP endpoint inside, forwarded outward; the caller's trace context passed in).
/// Used by the gateway (<c>POST /capsule/spawn</c>), Env Synthesis (start a built image, probe its port) and the Runner
/// (build and test a workspace with network only through the allowlist).
/// </summary>
public interface ICapsules
{
    /// <summary>
    /// Starts a capsule and returns it running. A request that cannot run (an unknown image or policy, a limit out of
    /// range, a tenant over its quota) throws <see cref="CapsuleRequestException"/> naming each field.
    /// </summary>
    Task<CapsuleInfo> SpawnAsync(CapsuleRequest request, CancellationToken cancellationToken = default);

    /// <summary>A capsule by id (running, or ended and still kept), or null.</summary>
    CapsuleInfo? Get(string id);

    /// <summary>The capsules kept, newest first; only <paramref name="tenant"/>'s when given.</summary>
    IReadOnlyList<CapsuleInfo> List(string? tenant = null);

    /// <summary>Waits until the capsule has ended and returns it with its result.</summary>
    Task<CapsuleInfo> WaitAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Its output: what is kept of it first, then live, until it ends (or <paramref name="cancellationToken"/>).</summary>
    IAsyncEnumerable<CapsuleOutput> FollowAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Runs a command inside a running capsule and returns its exit and output (bounded by the capsule's output limit).</summary>
    Task<CapsuleExecResult> ExecAsync(string id, SandboxExec exec, CancellationToken cancellationToken = default);

    /// <summary>Connects to a TCP port a service listens on inside the capsule (the service mirror).</summary>
    Task<Stream> ConnectAsync(string id, int port, CancellationToken cancellationToken = default);

    /// <summary>Stops the capsule if it runs and forgets it; false when there was none.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default);
}
