using System.Text;
using Noa.Abstractions;

namespace Noa.Stages.Registrar.Tests;

/// <summary>
/// Env Synthesis's verified images published beside the bundle: a real buildah image exported as an OCI layout, pushed to the OCI
/// layout and the real registry under a tag derived from the bundle's, with the source's SBOM and a signed provenance as referrers
/// whose subject is the image manifest; skopeo reads what was pushed; the verifier checks it; a tag held by another image is refused.
/// </summary>
public sealed class ImagePublishTests(BuiltImages images) : IClassFixture<BuiltImages>, IDisposable
{
    private const string App = "web";
    private readonly PublishedRuns _runs = new();

    public static TheoryData<string> Stores => ["layout", "registry"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_RunWithEnvImage_PushesItWithSbomAndProvenanceReferrersAndVerifies(string kind)
    {
        var (store, runId) = await ArrangeAsync(kind, images.A, "https://example.org/imaged.git");
        var exported = ExportedDigest(images.A);

        var result = await _runs.Publisher(store).PublishAsync(runId);

        var image = Assert.Single(result.Images!);
        Assert.Equal((App, exported), (image.App, image.Digest));
        var (repository, tag) = Split(image.Reference);
        Assert.Equal(Split(result.Reference).Tag + "-" + App, tag);
        Assert.Equal(exported, (await store.GetManifestAsync(repository, tag))!.Descriptor.Digest);
        // A second client reads the image by its tag: the manifest as buildah exported it.
        var raw = await BuiltImages.SkopeoAsync(["inspect", "--raw", .. Skopeo(kind, repository, tag)]);
        Assert.Equal(exported, OciDigest.Of(Encoding.UTF8.GetBytes(raw.TrimEnd('\n'))));
        var referrers = await store.GetReferrersAsync(repository, exported);
        Assert.Equal(new[] { "application/vnd.cyclonedx+json", OciMediaTypes.InToto }, referrers.Select(r => r.ArtifactType ?? "").Order(StringComparer.Ordinal));
        foreach (var referrer in referrers)
            Assert.Equal(exported, (await store.GetManifestAsync(repository, referrer.Digest))!.Manifest().Subject?.Digest);
        var bundle = (await store.GetManifestAsync(repository, result.Digest))!.Manifest();
        Assert.Equal($"{App}@{exported}", bundle.Annotations![BundlePublisher.ImagesAnnotation]);
        Assert.DoesNotContain(bundle.Layers, l => l.Annotations![OciMediaTypes.TitleAnnotation].StartsWith(EnvImages.Prefix, StringComparison.Ordinal));
        var report = await new BundleVerifier(store).VerifyAsync(repository, Split(result.Reference).Tag, _runs.KeyFile);
        Assert.True(report.Verified, string.Join("\n", report.Problems));
        Assert.Contains(report.Checked, c => c.StartsWith("provenance signed by key", StringComparison.Ordinal) && c.EndsWith($"subject {exported}", StringComparison.Ordinal));
        Assert.Contains(report.Checked, c => c == $"image {App}: referrer {OciMediaTypes.InToto} {referrers.Single(r => r.ArtifactType == OciMediaTypes.InToto).Digest}");
    }

    [Fact]
    public async Task Verify_ImageLayerTampered_FailsNamingTheImage()
    {
        // The verifier must be able to say no: the image's top layer is overwritten in the layout after publishing.
        var (store, runId) = await ArrangeAsync("layout", images.A, "https://example.org/tampered-image.git");
        var result = await _runs.Publisher(store).PublishAsync(runId);
        var (repository, tag) = Split(result.Reference);
        var layer = (await store.GetManifestAsync(repository, result.Images![0].Digest))!.Manifest().Layers[^1];
        var blob = Path.Combine(_runs.Home, "oci", repository, "blobs", "sha256", layer.Hex);
        File.SetAttributes(blob, FileAttributes.Normal);
        await File.WriteAllBytesAsync(blob, new byte[layer.Size]);

        var report = await new BundleVerifier(store).VerifyAsync(repository, tag, _runs.KeyFile);

        Assert.False(report.Verified);
        Assert.Contains(report.Problems, p => p.StartsWith($"image {App}: ", StringComparison.Ordinal) && p.Contains(layer.Digest, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_ImageTagHeldByAnotherImage_IsRefusedBeforeAnythingIsPushed(string kind)
    {
        // The control: image B already holds the tag the run's image A would get; tags are immutable, so nothing is tagged.
        var tree = OciDigest.Of(Guid.NewGuid().ToByteArray());
        var (store, runId) = await ArrangeAsync(kind, images.A, "https://example.org/held.git", tree);
        var prefix = $"noa-test-{Guid.NewGuid():N}"[..20];
        var repository = prefix + "/example-org-held";
        var treeTag = "tree-" + tree[OciDigest.Prefix.Length..];
        var other = await PushLayoutAsync(store, repository, images.B);
        await store.TagAsync(repository, BundlePublisher.ImageTag(treeTag, App), other);

        var error = await Assert.ThrowsAsync<BundleTagConflictException>(() => _runs.Publisher(store, prefix).PublishAsync(runId));

        Assert.Equal(BundlePublisher.ImageTag(treeTag, App), error.Tag);
        Assert.Equal((other, ExportedDigest(images.A)), (error.Existing, error.Refused));
        Assert.Null(await store.GetManifestAsync(repository, treeTag));
        Assert.Null(await store.GetManifestAsync(repository, ExportedDigest(images.A))); // refused before anything was pushed
        Assert.Null(await store.GetManifestAsync(repository, BundlePublisher.ImageTag(runId, App)));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Publish_SameRunWithAnotherImageAfterwards_IsRefusedAndTheTagStillNamesTheFirst(string kind)
    {
        var (store, runId) = await ArrangeAsync(kind, images.A, "https://example.org/swapped.git");
        var publisher = _runs.Publisher(store);
        var first = await publisher.PublishAsync(runId);
        await _runs.AddImageAsync(runId, App, images.B);

        await Assert.ThrowsAsync<BundleTagConflictException>(() => publisher.PublishAsync(runId));

        var (repository, tag) = Split(first.Images![0].Reference);
        Assert.Equal(ExportedDigest(images.A), (await store.GetManifestAsync(repository, tag))!.Descriptor.Digest);
    }

    public void Dispose() => _runs.Dispose();

    private async Task<(IBundleRegistry Store, string RunId)> ArrangeAsync(string kind, string layout, string locator, string? treeHash = null)
    {
        if (images.Unavailable is { } why)
            Requirement.Unmet(why);
        var store = kind == "layout"
            ? _runs.Layout()
            : Requirement.Present(PublishedRuns.Registry(), "the OCI registry is not reachable at 127.0.0.1:5000; start it with scripts/services.sh");
        var files = Requirement.Present(PublishedRuns.CorpusFiles(), "the npm corpus is missing (.cache/corpora/npm): run scripts/corpora.sh npm");
        var runId = await _runs.AddRunAsync(locator, files, treeHash);
        await _runs.AddImageAsync(runId, App, layout);
        return (store, runId);
    }

    /// <summary>Pushes an exported layout's blobs and manifest into <paramref name="repository"/> and returns the manifest digest.</summary>
    private static async Task<string> PushLayoutAsync(IBundleRegistry store, string repository, string layout)
    {
        var digest = ExportedDigest(layout);
        var content = await File.ReadAllBytesAsync(Blob(layout, digest));
        var manifest = OciJson.Parse<OciManifest>(content);
        foreach (var blob in new[] { manifest.Config }.Concat(manifest.Layers))
            await store.PushBlobAsync(repository, blob.Digest, blob.Size, _ => Task.FromResult<Stream>(File.OpenRead(Blob(layout, blob.Digest))));
        return (await store.PushManifestAsync(repository, content, OciMediaTypes.ImageManifest)).Digest;
    }

    private static string ExportedDigest(string layout) =>
        Assert.Single(OciJson.Parse<OciIndex>(File.ReadAllBytes(Path.Combine(layout, "index.json"))).Manifests).Digest;

    private static string Blob(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest[OciDigest.Prefix.Length..]);

    private string[] Skopeo(string kind, string repository, string tag) => kind == "layout"
        ? [$"oci:{Path.Combine(_runs.Home, "oci", repository)}:{tag}"]
        : ["--tls-verify=false", $"docker://127.0.0.1:5000/{repository}:{tag}"];

    private static (string Repository, string Tag) Split(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return (reference[..colon], reference[(colon + 1)..]);
    }
}
