using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Registrar.Tests;

/// <summary>Publish, pull and verify a real package's bundle, against the OCI layout and the real registry.</summary>
public sealed class BundlePublisherTests : IDisposable
{
    private readonly PublishedRuns _runs = new();

    public static TheoryData<string> Stores => ["layout", "registry"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_ThenPull_IsByteIdenticalWithReferrersAndVerifies(string kind)
    {
        var store = Store(kind);
        var files = Files();
        var runId = await _runs.AddRunAsync("https://example.org/iconv-lite.git", files);

        var result = await _runs.Publisher(store).PublishAsync(runId);
        var (repository, tag) = Split(result.Reference);
        var outDir = Path.Combine(_runs.Home, "pulled-" + kind);
        await new BundlePuller(store).PullAsync(repository, tag, outDir);
        var report = await new BundleVerifier(store).VerifyAsync(repository, tag, _runs.KeyFile);

        foreach (var (path, content) in files)
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(outDir, path)));
        Assert.Equal(new[] { "application/sarif+json", "application/vnd.cyclonedx+json", OciMediaTypes.InToto },
            result.Referrers.Select(r => r.ArtifactType ?? "").Order(StringComparer.Ordinal));
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(outDir, ".oci", "referrers")).Length);
        Assert.True(report.Verified, string.Join("\n", report.Problems));
        Assert.Equal(result.Digest, report.Digest);
        Assert.StartsWith("noa-test-", repository);
        Assert.EndsWith("/example-org-iconv-lite", repository);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_ManifestAnnotations_NameRunSourceTreeAndStages(string kind)
    {
        var store = Store(kind);
        var runId = await _runs.AddRunAsync("/home/someone/src/iconv-lite", Files());

        var result = await _runs.Publisher(store).PublishAsync(runId);

        var (repository, tag) = Split(result.Reference);
        var manifest = (await store.GetManifestAsync(repository, tag))!.Manifest();
        Assert.Equal(OciMediaTypes.Bundle, manifest.ArtifactType);
        Assert.Equal(OciDigest.EmptyConfig.Digest, manifest.Config.Digest);
        Assert.Equal(runId, manifest.Annotations![BundlePublisher.RunAnnotation]);
        Assert.Equal("/home/someone/src/iconv-lite", manifest.Annotations[BundlePublisher.SourceAnnotation]);
        Assert.Equal("tree-" + manifest.Annotations[BundlePublisher.TreeAnnotation][7..], tag);
        Assert.Matches("^graph@[^,]+,intake@[^,]+,safety@[^,]+$", manifest.Annotations[BundlePublisher.StagesAnnotation]);
        var profile = Assert.Single(manifest.Layers, l => l.Annotations![OciMediaTypes.TitleAnnotation] == "provenance.json");
        Assert.Equal(("application/json", "intake"), (profile.MediaType, profile.Annotations![BundlePublisher.StageAnnotation]));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_SameRunAgain_IsTheSameBundleWithOneProvenance(string kind)
    {
        var store = Store(kind);
        var runId = await _runs.AddRunAsync("https://example.org/again.git", Files());
        var publisher = _runs.Publisher(store);

        var first = await publisher.PublishAsync(runId);
        var second = await publisher.PublishAsync(runId);

        Assert.Equal(first.Digest, second.Digest);
        Assert.False(first.AlreadyPublished);
        Assert.True(second.AlreadyPublished);
        var (repository, _) = Split(first.Reference);
        Assert.Single(await store.GetReferrersAsync(repository, first.Digest, OciMediaTypes.InToto));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_SameRunChangedAfterwards_IsRefusedBeforeAnythingIsPushed(string kind)
    {
        var store = Store(kind);
        var publisher = _runs.Publisher(store);
        var runId = await _runs.AddRunAsync("https://example.org/same.git", Files());
        var first = await publisher.PublishAsync(runId);
        var changed = await _runs.Artifacts.PutAsync(new MemoryStream("# changed\n"u8.ToArray()));
        await _runs.Runs.SaveArtifactAsync(new RunArtifact(runId, "system_card.md", changed.Sha256, changed.Size, "text/markdown", "graph"));

        var conflict = await Assert.ThrowsAsync<BundleTagConflictException>(() => publisher.PublishAsync(runId));

        var (repository, tag) = Split(first.Reference);
        Assert.Equal(first.Digest, conflict.Existing);
        Assert.Equal(first.Digest, (await store.GetManifestAsync(repository, tag))!.Descriptor.Digest);
        Assert.False(await store.BlobExistsAsync(repository, OciDigest.Prefix + changed.Sha256));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_AnotherRunOfTheSameTree_GetsItsRunTagAndLeavesTheTreeTag(string kind)
    {
        var store = Store(kind);
        var files = Files();
        var publisher = _runs.Publisher(store);
        var first = await publisher.PublishAsync(await _runs.AddRunAsync("https://example.org/again-tree.git", files));
        var second = await _runs.AddRunAsync("https://example.org/again-tree.git", files);

        var result = await publisher.PublishAsync(second);

        var (repository, tag) = Split(first.Reference);
        Assert.Equal($"{repository}:{second}", result.Reference);
        Assert.NotEqual(first.Digest, result.Digest); // its run id is annotated
        Assert.Equal(first.Digest, (await store.GetManifestAsync(repository, tag))!.Descriptor.Digest);
        Assert.Equal(result.Digest, (await store.GetManifestAsync(repository, second))!.Descriptor.Digest);
        Assert.True((await new BundleVerifier(store).VerifyAsync(repository, second, _runs.KeyFile)).Verified);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_CutOffMidPush_LeavesNoTagAndTheNextAttemptCompletes(string kind)
    {
        var store = Store(kind);
        var runId = await _runs.AddRunAsync("https://example.org/cut.git", Files());
        var publisher = _runs.Publisher(store, prefix: "noa-test-cut" + Guid.NewGuid().ToString("N")[..6]);
        using var kill = new CancellationTokenSource();
        string? repository = null;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher.PublishAsync(runId, new SyncProgress(p =>
        {
            if (p.Done > p.Total / 2)
                kill.Cancel();
        }), kill.Token));
        var result = await publisher.PublishAsync(runId);

        (repository, var tag) = Split(result.Reference);
        Assert.False(result.AlreadyPublished); // the cut push had not tagged
        Assert.True((await new BundleVerifier(store).VerifyAsync(repository, tag, _runs.KeyFile)).Verified);
    }

    [Fact]
    public async Task Verify_TamperedLayer_FailsNamingTheFile()
    {
        var store = _runs.Layout();
        var result = await _runs.Publisher(store).PublishAsync(await _runs.AddRunAsync("https://example.org/tamper.git", Files()));
        var (repository, tag) = Split(result.Reference);
        var untampered = await new BundleVerifier(store).VerifyAsync(repository, tag, _runs.KeyFile);
        var manifest = (await store.GetManifestAsync(repository, tag))!.Manifest();
        var layer = manifest.Layers.First(l => l.Annotations![OciMediaTypes.TitleAnnotation] == "provenance.json");
        var blob = Path.Combine(_runs.Home, "oci", repository, "blobs", "sha256", layer.Hex);
        await File.WriteAllTextAsync(blob, "{\"locator\":\"somewhere else\"}");

        var report = await new BundleVerifier(store).VerifyAsync(repository, tag, _runs.KeyFile);

        Assert.True(untampered.Verified); // control: the same check passes before the change
        Assert.False(report.Verified);
        Assert.Contains(report.Problems, p => p.StartsWith("provenance.json: content is sha256:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_WithAnotherKey_FailsOnTheSignature()
    {
        var store = _runs.Layout();
        var result = await _runs.Publisher(store).PublishAsync(await _runs.AddRunAsync("https://example.org/key.git", Files()));
        var (repository, tag) = Split(result.Reference);
        var otherKey = Path.Combine(_runs.Home, "other.pem");
        SigningKey.ReadOrCreate(otherKey).Dispose();

        var report = await new BundleVerifier(store).VerifyAsync(repository, tag, otherKey);

        Assert.False(report.Verified);
        Assert.Contains(report.Problems, p => p.Contains("no signature verifies under key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_ConfiguredKeyMissing_FailsBeforeAnythingIsPushed()
    {
        var store = _runs.Layout();
        var runId = await _runs.AddRunAsync("https://example.org/nokey.git", Files());
        var missing = Path.Combine(_runs.Home, "secrets", "absent.pem");

        var error = await Assert.ThrowsAsync<SigningKeyException>(() => _runs.Publisher(store, keyFile: missing).PublishAsync(runId));

        Assert.Contains(missing, error.Message);
        Assert.False(Directory.Exists(Path.Combine(_runs.Home, "oci")));
    }

    [Fact]
    public async Task Publish_RegistryDown_FailsAsTransientNamingTheRegistry()
    {
        var down = PublishedRuns.RegistryAt("http://127.0.0.1:9", maxAttempts: 2);
        var runId = await _runs.AddRunAsync("https://example.org/down.git", Files());

        var error = await Assert.ThrowsAsync<BundleRegistryException>(() => _runs.Publisher(down).PublishAsync(runId));

        Assert.True(error.Transient);
        Assert.Contains("127.0.0.1:9", error.Message);
    }

    public void Dispose() => _runs.Dispose();

    private IBundleRegistry Store(string kind) => kind == "layout"
        ? _runs.Layout()
        : Requirement.Present(PublishedRuns.Registry(), "the OCI registry is not reachable at 127.0.0.1:5000; start it with scripts/services.sh");

    private static Dictionary<string, byte[]> Files() =>
        Requirement.Present(PublishedRuns.CorpusFiles(), "the npm corpus is missing (.cache/corpora/npm): run scripts/corpora.sh npm");

    private static (string Repository, string Tag) Split(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return (reference[..colon], reference[(colon + 1)..]);
    }

    private sealed class SyncProgress(Action<PublishProgress> report) : IProgress<PublishProgress>
    {
        public void Report(PublishProgress value) => report(value);
    }
}
