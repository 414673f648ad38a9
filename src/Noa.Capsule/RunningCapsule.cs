using System.Text;
using Noa.Abstractions;
using Noa.Capsule.Sidecars;

namespace Noa.Capsule;

/// <summary>One capsule the manager holds: its request, sandbox, sidecars, log and, once ended, its result.</summary>
internal sealed class RunningCapsule
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly CancellationTokenSource _sidecars = new();
    private SandboxResult? _result;
    private DateTimeOffset? _endedAt;

    public RunningCapsule(string id, CapsuleRequest request, string policy, SandboxLimits limits, IReadOnlyList<string> command, string? imageId,
        ISandboxProcess process, CapsuleLog log, DateTimeOffset startedAt)
        => (Id, Request, Policy, Limits, Command, ImageId, Process, Log, StartedAt) = (id, request, policy, limits, command, imageId, process, log, startedAt);

    public string Id { get; }

    public CapsuleRequest Request { get; }

    public string Policy { get; }

    public SandboxLimits Limits { get; }

    public IReadOnlyList<string> Command { get; }

    public string? ImageId { get; }

    public ISandboxProcess Process { get; }

    public CapsuleLog Log { get; }

    public DateTimeOffset StartedAt { get; }

    public Dictionary<int, string> Published { get; } = [];

    private readonly List<CapsuleEgress> _egress = [];

    /// <summary>
    /// Keeps one egress decision for <see cref="CapsuleInfo.Egress"/>: once per destination and outcome, the first ones (the audit
    /// trail has every one).
    /// </summary>
    public void Egress(CapsuleEgress decision)
    {
        lock (_egress)
            if (_egress.Count < CapsuleInfo.MaxEgress && !_egress.Exists(e => e.Destination == decision.Destination && e.Allowed == decision.Allowed))
                _egress.Add(decision);
    }

    public CancellationToken SidecarToken => _sidecars.Token;

    /// <summary>Completes when the capsule has ended and everything it held is released.</summary>
    public Task<CapsuleInfo> Ended { get; set; } = Task.FromResult<CapsuleInfo>(null!);

    public bool IsRunning => _result is null;

    public void Own(IAsyncDisposable resource) => _owned.Add(resource);

    public CapsuleInfo Info() => new()
    {
        Id = Id,
        State = _result is null ? CapsuleState.Running : CapsuleState.Ended,
        Image = Request.Image,
        ImageId = ImageId,
        Command = Command,
        Policy = Policy,
        Limits = Limits,
        Usage = _result?.Usage ?? Process.Usage(),
        Result = _result,
        PublishedPorts = Published,
        Egress = EgressSoFar(),
        Tenant = Request.Tenant,
        StartedAt = StartedAt,
        EndedAt = _endedAt,
    };

    private List<CapsuleEgress> EgressSoFar()
    {
        lock (_egress)
            return [.. _egress];
    }

    /// <summary>Stops the sidecars and releases what the capsule held, then records the result.</summary>
    public async Task<CapsuleInfo> EndAsync(SandboxResult result, DateTimeOffset at, Func<Exception, Task> failed)
    {
        await _sidecars.CancelAsync().ConfigureAwait(false);
        foreach (var resource in Enumerable.Reverse(_owned))
        {
            try
            {
                await resource.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                await failed(e).ConfigureAwait(false);
            }
        }
        (_result, _endedAt) = (result, at);
        Log.Complete();
        _sidecars.Dispose();
        return Info();
    }

    /// <summary>Reads the sandbox's output into the log (and to <paramref name="each"/>), decoding UTF-8 across chunk edges.</summary>
    public async Task PumpAsync(TimeProvider time, Action<CapsuleOutput> each)
    {
        var decoders = new[] { Encoding.UTF8.GetDecoder(), Encoding.UTF8.GetDecoder() };
        await foreach (var chunk in Process.Output.ReadAllAsync().ConfigureAwait(false))
        {
            var decoder = decoders[(int)chunk.Stream];
            var chars = new char[decoder.GetCharCount(chunk.Data.Span, flush: false)];
            decoder.GetChars(chunk.Data.Span, chars, flush: false);
            var output = new CapsuleOutput(chunk.Stream, new string(chars), time.GetUtcNow());
            Log.Append(output);
            each(output);
        }
    }
}
