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
        CommitAnnotation = "dev.noa.commit", StagesAnnotation = "dev.noa.stages", StageAnnotation = "dev.noa.stage", ImagesAnnotation = "dev.noa.images";

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
        var all = (await runs.GetArtifactsAsync(runId, cancellationToken))
            .Where(a => a.Path is not (SourceManifest.BundlePath or PublishResult.BundlePath))
            .OrderBy(a => a.Path, StringComparer.Ordinal).ToArray();
        // Env's verified images are published as images of their own, not as layers of the bundle.
        var files = all.Where(a => !EnvImages.Holds(a.Path)).ToArray();
        var provenance = files.FirstOrDefault(f => f.Path == SourceFacts.BundlePath)
            ?? throw new InvalidDataException($"run {runId} has no {SourceFacts.BundlePath}: only a run whose intake finished can be published");
        var source = SourceFacts.Parse(await ReadAsync(provenance, cancellationToken));
        // The catalogue's facts are read before anything is pushed: a malformed profile or safety report publishes nothing.
        var facts = await CatalogFacts.ReadAsync(run, source, async (path, ct) =>
            files.FirstOrDefault(f => f.Path == path) is { } file ? await OpenAsync(file, ct) : null, cancellationToken);
        var images = await RunImage.ReadAllAsync(all, ReadAsync, cancellationToken);
        // Runs belong to tenants: another tenant's bundle of the same source is another repository.
        var tenant = run.Request.Tenant == Tenants.Local ? "" : "/" + OciNames.Component(run.Request.Tenant);
        var repository = $"{o.RepositoryPrefix}{tenant}/{source.Name()}";
        var tag = "tree-" + source.TreeHex;

        var manifest = OciJson.Serialize(BundleManifest(run, source, files, images));
        var digest = OciDigest.Of(manifest);
        var published = await registry.GetManifestAsync(repository, tag, cancellationToken);
        // The tree tag is the first run's: a retry of that run that would change it is refused; another run of the same tree
        // (a new policy, a newer noa) is published under its own run tag and leaves the tree tag alone.
        var ownsTreeTag = published is null || published.Descriptor.Digest == digest;
        if (!ownsTreeTag && published!.Manifest().Annotations?.GetValueOrDefault(RunAnnotation) is var holder && (holder is null || holder == run.RunId))
            throw new BundleTagConflictException(repository, tag, published.Descriptor.Digest, digest);
        var runTag = OciNames.IsTag(run.RunId) ? run.RunId : "run-" + OciNames.Component(run.RunId);
        // An image's tags follow its bundle's, and are as immutable: checked before anything is pushed.
        var imageTags = images.ToDictionary(i => i.App, i => (IReadOnlyList<string>)(ownsTreeTag ? [ImageTag(runTag, i.App), ImageTag(tag, i.App)] : [ImageTag(runTag, i.App)]));
        foreach (var image in images)
            foreach (var imageTag in imageTags[image.App])
                if (await registry.GetManifestAsync(repository, imageTag, cancellationToken) is { } held && held.Descriptor.Digest != image.Manifest.Digest)
                    throw new BundleTagConflictException(repository, imageTag, held.Descriptor.Digest, image.Manifest.Digest);
        var referred = files.Where(f => o.Referrers.ContainsKey(f.Path)).ToArray();
        var total = 2 + files.Sum(f => f.Size) + images.Sum(i => i.Manifest.Size + i.Blobs.Sum(b => b.Size));
        long done = 0;
        // Blobs go up a few at a time (o.ParallelUploads); progress adds what each has sent.
        async Task PushAllAsync(IEnumerable<(string Digest, long Size, Func<CancellationToken, Task<Stream>> Open, string Name)> blobs) =>
            await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = o.ParallelUploads, CancellationToken = cancellationToken },
                async (blob, ct) =>
                {
                    long sent = 0;
                    await registry.PushBlobAsync(repository, blob.Digest, blob.Size, blob.Open, progress is null ? null : new Relay(now =>
                        progress.Report(new PublishProgress(Interlocked.Add(ref done, now - Interlocked.Exchange(ref sent, now)), total, blob.Name))), ct);
                    Interlocked.Add(ref done, blob.Size - Interlocked.Exchange(ref sent, blob.Size));
                });
        await PushAllAsync(files.Select(f => (OciDigest.Prefix + f.Sha256, f.Size, (Func<CancellationToken, Task<Stream>>)(ct => OpenAsync(f, ct)), f.Path))
            .Prepend((OciDigest.EmptyConfig.Digest, 2, _ => Task.FromResult<Stream>(new MemoryStream(OciDigest.EmptyContent.ToArray())), "config")));
        var bundle = await registry.PushManifestAsync(repository, manifest, OciMediaTypes.ImageManifest, cancellationToken);
        var subject = new OciDescriptor { MediaType = bundle.MediaType, Digest = bundle.Digest, Size = bundle.Size };

        var referrers = await AttachAsync(repository, subject, referred,
            () => ProvenanceStatement.Create(repository, bundle, run, source, files, time.GetUtcNow()), run, key, cancellationToken);

        // Each verified image: its blobs streamed from the artifact store, its manifest as exported, then the SBOMs and a signed
        // provenance whose subject is the image manifest.
        var pushedImages = new List<PublishedImage>();
        var imageReferred = referred.Where(f => o.ImageReferrers.Contains(f.Path)).ToArray();
        foreach (var image in images)
        {
            await PushAllAsync(image.Blobs.Select(b => (OciDigest.Prefix + b.Sha256, b.Size, (Func<CancellationToken, Task<Stream>>)(ct => OpenAsync(b, ct)), b.Path)));
            var pushed = await registry.PushManifestAsync(repository, image.Content, image.Manifest.MediaType, cancellationToken);
            Interlocked.Add(ref done, image.Manifest.Size);
            var imageSubject = new OciDescriptor { MediaType = pushed.MediaType, Digest = pushed.Digest, Size = pushed.Size };
            var imageFiles = image.Files(all).ToArray();
            var attached = await AttachAsync(repository, imageSubject, imageReferred,
                () => ProvenanceStatement.Create(repository, pushed, run, source, imageFiles, time.GetUtcNow()), run, key, cancellationToken);
            pushedImages.Add(new PublishedImage(image.App, $"{repository}:{imageTags[image.App][^1]}", pushed.Digest, attached));
        }

        CatalogDeliverable? deliverable = null;
        if (deliverables is not null)
        {
            await using var zip = await DeliverableZip.CreateAsync(run, files, manifest, OpenAsync, cancellationToken);
            deliverable = await deliverables.PutAsync(DeliverableZip.KeyFor(run, source), zip.File, zip.Size, zip.Sha256, cancellationToken);
        }

        // Images are tagged before their bundle: a bundle tag is written only once everything it names is.
        foreach (var image in pushedImages)
            foreach (var imageTag in imageTags[image.App])
                await registry.TagAsync(repository, imageTag, image.Digest, cancellationToken);
        await registry.TagAsync(repository, runTag, bundle.Digest, cancellationToken);
        if (ownsTreeTag)
            await registry.TagAsync(repository, tag, bundle.Digest, cancellationToken);
        var result = new PublishResult(1, registry.Location, $"{repository}:{(ownsTreeTag ? tag : runTag)}", bundle.Digest, referrers,
            await registry.GetReferrersModeAsync(repository, cancellationToken), total, published is not null && ownsTreeTag, deliverable, pushedImages);
        await catalog.RecordAsync(facts with { Reference = result.Reference, Digest = result.Digest, Store = result.Store, Deliverable = deliverable }, cancellationToken);
        return result;
    }

    private static OciManifest BundleManifest(RunRecord run, SourceFacts source, IReadOnlyList<RunArtifact> files, IReadOnlyList<RunImage> images)
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
        // The bundle names the images published with it, so verifying the bundle reaches them (and a changed image changes the bundle).
        if (images.Count > 0)
            annotations[ImagesAnnotation] = string.Join(',', images.Select(i => $"{i.App}@{i.Manifest.Digest}"));
        return new OciManifest { ArtifactType = OciMediaTypes.Bundle, Config = OciDigest.EmptyConfig, Layers = [.. files.Select(Layer)], Annotations = annotations };
    }

    /// <summary>
    /// Attaches <paramref name="referred"/> (SBOMs, findings) and a signed provenance to <paramref name="subject"/>. A retry finds the
    /// provenance it signed before: ECDSA signatures differ each time, one signed statement is enough.
    /// </summary>
    private async Task<List<OciDescriptor>> AttachAsync(string repository, OciDescriptor subject, IReadOnlyList<RunArtifact> referred, Func<byte[]> statement,
        RunRecord run, SigningKey key, CancellationToken cancellationToken)
    {
        // Pushed together, listed in order: the referrers of the files, then the provenance.
        var pushes = referred.Select(async file => (IReadOnlyList<OciDescriptor>)[await registry.PushManifestAsync(repository,
                OciJson.Serialize(Referrer(options.Value.Referrers[file.Path], Layer(file), subject, run)), OciMediaTypes.ImageManifest, cancellationToken)])
            .Append(ProvenanceAsync(repository, subject, statement, run, key, cancellationToken));
        return [.. (await Task.WhenAll(pushes)).SelectMany(d => d)];
    }

    private async Task<IReadOnlyList<OciDescriptor>> ProvenanceAsync(string repository, OciDescriptor subject, Func<byte[]> statement, RunRecord run,
        SigningKey key, CancellationToken cancellationToken)
    {
        var signed = await registry.GetReferrersAsync(repository, subject.Digest, OciMediaTypes.InToto, cancellationToken);
        if (signed.Count > 0)
            return signed;
        var envelope = JsonSerializer.SerializeToUtf8Bytes(Dsse.Sign(OciMediaTypes.InToto, statement(), key));
        var layer = new OciDescriptor
        {
            MediaType = OciMediaTypes.DsseEnvelope, Digest = OciDigest.Of(envelope), Size = envelope.Length,
            Annotations = new Dictionary<string, string> { [OciMediaTypes.TitleAnnotation] = "provenance.intoto.jsonl", ["dev.noa.keyid"] = key.KeyId },
        };
        await registry.PushBlobAsync(repository, layer.Digest, layer.Size, _ => Task.FromResult<Stream>(new MemoryStream(envelope)), cancellationToken: cancellationToken);
        return [await registry.PushManifestAsync(repository, OciJson.Serialize(Referrer(OciMediaTypes.InToto, layer, subject, run)),
            OciMediaTypes.ImageManifest, cancellationToken)];
    }

    /// <summary>An image's tag: its bundle's tag and the app, cut to the 128 characters a tag may have.</summary>
    internal static string ImageTag(string bundleTag, string app) =>
        $"{bundleTag}-{app}" is var tag && tag.Length <= 128 ? tag : tag[..128].TrimEnd('-', '.', '_');

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
