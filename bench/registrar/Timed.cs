using System.Diagnostics;
using Noa.Abstractions;

namespace Noa.Bench.Registrar;

/// <summary>
/// Wall time spent inside calls of each phase: while one or more calls of a phase are running, the phase's clock runs (so
/// concurrent calls count once, and the phases of a publish add up to at most its total).
/// </summary>
internal sealed class PhaseTimer
{
    public static readonly string[] Names = ["tag checks", "blobs", "bundle manifest", "referrers", "tags", "catalogue"];
    private readonly Dictionary<string, (int Active, long Since, double Seconds)> _phases = [];
    private readonly Lock _gate = new();

    public void Reset()
    {
        lock (_gate)
            _phases.Clear();
    }

    public IReadOnlyDictionary<string, double> Snapshot()
    {
        lock (_gate)
            return _phases.ToDictionary(p => p.Key, p => p.Value.Seconds);
    }

    public async Task<T> Time<T>(string phase, Func<Task<T>> call)
    {
        Enter(phase);
        try
        {
            return await call();
        }
        finally
        {
            Exit(phase);
        }
    }

    public Task Time(string phase, Func<Task> call) => Time(phase, async () => { await call(); return 0; });

    private void Enter(string phase)
    {
        lock (_gate)
        {
            var p = _phases.GetValueOrDefault(phase);
            _phases[phase] = p.Active == 0 ? (1, Stopwatch.GetTimestamp(), p.Seconds) : (p.Active + 1, p.Since, p.Seconds);
        }
    }

    private void Exit(string phase)
    {
        lock (_gate)
        {
            var p = _phases[phase];
            _phases[phase] = p.Active == 1 ? (0, 0, p.Seconds + Stopwatch.GetElapsedTime(p.Since).TotalSeconds) : (p.Active - 1, p.Since, p.Seconds);
        }
    }
}

/// <summary>The registry store, timed by phase: a manifest with a subject is a referrer.</summary>
internal sealed class TimedRegistry(IBundleRegistry inner, PhaseTimer timer) : IBundleRegistry
{
    public string Location => inner.Location;

    public Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken = default) =>
        timer.Time("blobs", () => inner.BlobExistsAsync(repository, digest, cancellationToken));

    public Task PushBlobAsync(string repository, string digest, long size, Func<CancellationToken, Task<Stream>> open, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        timer.Time("blobs", () => inner.PushBlobAsync(repository, digest, size, open, progress, cancellationToken));

    public Task<Stream?> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken = default) =>
        inner.OpenBlobAsync(repository, digest, cancellationToken);

    public Task<OciDescriptor> PushManifestAsync(string repository, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default) =>
        timer.Time(content.Span.IndexOf("\"subject\""u8) >= 0 ? "referrers" : "bundle manifest",
            () => inner.PushManifestAsync(repository, content, mediaType, cancellationToken));

    public Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default) =>
        timer.Time("tag checks", () => inner.GetManifestAsync(repository, reference, cancellationToken));

    public Task TagAsync(string repository, string tag, string digest, CancellationToken cancellationToken = default) =>
        timer.Time("tags", () => inner.TagAsync(repository, tag, digest, cancellationToken));

    public Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string repository, string digest, string? artifactType = null,
        CancellationToken cancellationToken = default) =>
        timer.Time("referrers", () => inner.GetReferrersAsync(repository, digest, artifactType, cancellationToken));

    public Task<ReferrersMode> GetReferrersModeAsync(string repository, CancellationToken cancellationToken = default) =>
        timer.Time("referrers", () => inner.GetReferrersModeAsync(repository, cancellationToken));
}

/// <summary>The catalogue, its record timed.</summary>
internal sealed class TimedCatalog(ICatalog inner, PhaseTimer timer) : ICatalog
{
    public Task RecordAsync(CatalogEntry entry, CancellationToken cancellationToken = default) =>
        timer.Time("catalogue", () => inner.RecordAsync(entry, cancellationToken));

    public Task<CatalogEntry?> GetAsync(string runId, CancellationToken cancellationToken = default) => inner.GetAsync(runId, cancellationToken);

    public Task<IReadOnlyDictionary<string, CatalogEntry>> GetManyAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default) =>
        inner.GetManyAsync(runIds, cancellationToken);

    public Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
}
