using System.Text.Json;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>
/// Publishes a run's bundle: one OCI artifact (<see cref="OciMediaTypes.Bundle"/>, the empty config, one layer per bundle file
/// with its media type, path and stage) in <c>PREFIX[/TENANT]/SOURCE</c>, its SBOMs and SARIF as referrers, and a signed provenance
/// referrer; the tag <c>tree-&lt;tree hash&gt;</c> is written last, so a push cut short leaves no tag, only content-addressed
/// blobs and manifests the next attempt finds (HEAD) instead of sending again. The manifest is a function of the run alone
/// (no clock), so a retry builds the same digest and the immutable tag accepts it; a retry whose bundle changed is refused with
/// <see cref="BundleTagConflictException"/> before anything is pushed. Every bundle is also tagged with its run id (immutable
/// too); another run of a tree already published keeps only that tag, the tree tag stays the first run's. Once tagged, the run's
/// With an <see cref="IDeliverableStore"/> (where the artifact store is S3), a zip of the bundle goes there after the referrers and
/// before the tags, so a store that refuses it leaves no tag (<see cref="DeliverableRefusedException"/>). Once tagged, the run's
/// catalogue row (its facts read before the push) is recorded in the <see cref="ICatalog"/> (recording again replaces it, so a retry after a failed record is harmless).
/// </summary>
public sealed class BundlePublisher(IRunStore runs, IArtifactStore artifacts, IBundleRegistry registry, ICatalog catalog, IOptions<RegistrarOptions> options,
    TimeProvider time, IDeliverableStore? deliverables = null)
{
    /// <summary>Annotation keys of the bundle manifest and its layers.</summary>
    public const string RunAnnotation = "dev.noa.run", SourceAnnotation = "dev.noa.source", TreeAnnotation = "dev.noa.tree",
        CommitAnnotation = "dev.noa.commit", StagesAnnotation = "dev.noa.stages", StageAnnotation = "dev.noa.stage";

    /// <summary>Publishes run <paramref name="runId"/>.</summary>
    /// <exception cref="InvalidDataException">The run, its provenance or an artifact's content is missing or malformed.</exception>
    /// <exception cref="BundleTagConflictException">The tree tag holds this run's earlier, different bundle.</exception>
    /// <exception cref="SigningKeyException">The signing key is missing or wrong.</exception>
    /// <exception cref="BundleRegistryException">The store refused or could not be reached.</exception>
    public async Task<PublishResult> PublishAsync(string runId, IProgress<PublishProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        // The key first: a missing or wrong key fails before anything is pushed.
        using var key = o.SigningKeyFile is { } configured ? SigningKey.Read(configured) : SigningKey.ReadOrCreate(o.DefaultSigningKeyFile!);
        var run = await runs.GetRunAsync(runId, cancellationToken) ?? throw new InvalidDataException($"there is no run {runId}");
        var files = (await runs.GetArtifactsAsync(runId, cancellationToken))
            .Where(a => a.Path is not (SourceManifest.BundlePath or PublishResult.BundlePath))
            .OrderBy(a => a.Path, StringComparer.Ordinal).ToArray();
        var provenance = files.FirstOrDefault(f => f.Path == SourceFacts.BundlePath)
            ?? throw new InvalidDataException($"run {runId} has no {SourceFacts.BundlePath}: only a run whose intake finished can be published");
        var source = SourceFacts.Parse(await ReadAsync(provenance, cancellationToken));
        // The catalogue's facts are read before anything is pushed: a malformed profile or safety report publishes nothing.
        var facts = await CatalogFacts.ReadAsync(run, source, async (path, ct) =>
            files.FirstOrDefault(f => f.Path == path) is { } file ? await OpenAsync(file, ct) : null, cancellationToken);
        // Runs belong to tenants: another tenant's bundle of the same source is another repository.
        var tenant = run.Request.Tenant == Tenants.Local ? "" : "/" + OciNames.Component(run.Request.Tenant);
        var repository = $"{o.RepositoryPrefix}{tenant}/{source.Name()}";
        var tag = "tree-" + source.TreeHex;

        var manifest = OciJson.Serialize(BundleManifest(run, source, files));
        var digest = OciDigest.Of(manifest);
        var published = await registry.GetManifestAsync(repository, tag, cancellationToken);
        // The tree tag is the first run's: a retry of that run that would change it is refused; another run of the same tree
        // (a new policy, a newer noa) is published under its own run tag and leaves the tree tag alone.
        var ownsTreeTag = published is null || published.Descriptor.Digest == digest;
        if (!ownsTreeTag && published!.Manifest().Annotations?.GetValueOrDefault(RunAnnotation) is var holder && (holder is null || holder == run.RunId))
            throw new BundleTagConflictException(repository, tag, published.Descriptor.Digest, digest);
        var runTag = OciNames.IsTag(run.RunId) ? run.RunId : "run-" + OciNames.Component(run.RunId);
        var referred = files.Where(f => o.Referrers.ContainsKey(f.Path)).ToArray();
        var total = 2 + files.Sum(f => f.Size);
        long done = 0;
        async Task PushAsync(string blobDigest, long size, Func<CancellationToken, Task<Stream>> open, string name)
        {
            var before = done;
            await registry.PushBlobAsync(repository, blobDigest, size, open,
                progress is null ? null : new Relay(sent => progress.Report(new PublishProgress(before + sent, total, name))), cancellationToken);
            done = before + size;
        }
        await PushAsync(OciDigest.EmptyConfig.Digest, 2, _ => Task.FromResult<Stream>(new MemoryStream(OciDigest.EmptyContent.ToArray())), "config");
        foreach (var file in files)
            await PushAsync(OciDigest.Prefix + file.Sha256, file.Size, ct => OpenAsync(file, ct), file.Path);
        var bundle = await registry.PushManifestAsync(repository, manifest, OciMediaTypes.ImageManifest, cancellationToken);
        var subject = new OciDescriptor { MediaType = bundle.MediaType, Digest = bundle.Digest, Size = bundle.Size };

        var referrers = new List<OciDescriptor>();
        foreach (var file in referred)
            referrers.Add(await registry.PushManifestAsync(repository,
                OciJson.Serialize(Referrer(o.Referrers[file.Path], Layer(file), subject, run)), OciMediaTypes.ImageManifest, cancellationToken));

        // A retry finds the provenance it signed before: ECDSA signatures differ each time, one signed statement is enough.
        var signed = await registry.GetReferrersAsync(repository, bundle.Digest, OciMediaTypes.InToto, cancellationToken);
        if (signed.Count > 0)
            referrers.AddRange(signed);
        else
        {
            var statement = ProvenanceStatement.Create(repository, bundle, run, source, files, time.GetUtcNow());
            var envelope = JsonSerializer.SerializeToUtf8Bytes(Dsse.Sign(OciMediaTypes.InToto, statement, key));
            var layer = new OciDescriptor
            {
                MediaType = OciMediaTypes.DsseEnvelope, Digest = OciDigest.Of(envelope), Size = envelope.Length,
                Annotations = new Dictionary<string, string> { [OciMediaTypes.TitleAnnotation] = "provenance.intoto.jsonl", ["dev.noa.keyid"] = key.KeyId },
            };
            await registry.PushBlobAsync(repository, layer.Digest, layer.Size, _ => Task.FromResult<Stream>(new MemoryStream(envelope)), cancellationToken: cancellationToken);
            referrers.Add(await registry.PushManifestAsync(repository, OciJson.Serialize(Referrer(OciMediaTypes.InToto, layer, subject, run)),
                OciMediaTypes.ImageManifest, cancellationToken));
        }

        CatalogDeliverable? deliverable = null;
        if (deliverables is not null)
        {
            await using var zip = await DeliverableZip.CreateAsync(run, files, manifest, OpenAsync, cancellationToken);
            deliverable = await deliverables.PutAsync(DeliverableZip.KeyFor(run, source), zip.File, zip.Size, zip.Sha256, cancellationToken);
        }

        await registry.TagAsync(repository, runTag, bundle.Digest, cancellationToken);
        if (ownsTreeTag)
            await registry.TagAsync(repository, tag, bundle.Digest, cancellationToken);
        var result = new PublishResult(1, registry.Location, $"{repository}:{(ownsTreeTag ? tag : runTag)}", bundle.Digest, referrers,
            await registry.GetReferrersModeAsync(repository, cancellationToken), total, published is not null && ownsTreeTag, deliverable);
        await catalog.RecordAsync(facts with { Reference = result.Reference, Digest = result.Digest, Store = result.Store, Deliverable = deliverable }, cancellationToken);
        return result;
    }

    private static OciManifest BundleManifest(RunRecord run, SourceFacts source, IReadOnlyList<RunArtifact> files)
    {
        var annotations = new Dictionary<string, string>
        {
            [OciMediaTypes.CreatedAnnotation] = run.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            [RunAnnotation] = run.RunId,
            [SourceAnnotation] = source.Locator,
            [TreeAnnotation] = source.TreeHash,
            // Every stage that wrote a file, at the version of noa that ran it (stages are versioned with noa).
            [StagesAnnotation] = string.Join(',', files.Select(f => f.Stage).Distinct().Order(StringComparer.Ordinal).Select(s => $"{s}@{ProvenanceStatement.NoaVersion}")),
        };
        if (source.Commit is { } commit)
            annotations[CommitAnnotation] = commit;
        return new OciManifest { ArtifactType = OciMediaTypes.Bundle, Config = OciDigest.EmptyConfig, Layers = [.. files.Select(Layer)], Annotations = annotations };
    }

    private static OciDescriptor Layer(RunArtifact file) => new()
    {
        MediaType = file.MediaType, Digest = OciDigest.Prefix + file.Sha256, Size = file.Size,
        Annotations = new Dictionary<string, string> { [OciMediaTypes.TitleAnnotation] = file.Path, [StageAnnotation] = file.Stage },
    };

    private static OciManifest Referrer(string artifactType, OciDescriptor layer, OciDescriptor subject, RunRecord run) => new()
    {
        ArtifactType = artifactType, Config = OciDigest.EmptyConfig, Layers = [layer], Subject = subject,
        Annotations = new Dictionary<string, string>
        {
            [OciMediaTypes.CreatedAnnotation] = run.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), [RunAnnotation] = run.RunId,
        },
    };

    private async Task<Stream> OpenAsync(RunArtifact file, CancellationToken cancellationToken) =>
        await artifacts.OpenReadAsync(file.Sha256, cancellationToken)
        ?? throw new InvalidDataException($"content of '{file.Path}' ({file.Sha256}) is missing from the artifact store");

    private async Task<byte[]> ReadAsync(RunArtifact file, CancellationToken cancellationToken)
    {
        await using var stream = await OpenAsync(file, cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    private sealed class Relay(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
