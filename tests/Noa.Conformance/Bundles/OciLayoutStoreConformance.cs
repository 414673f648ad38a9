using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>The bundle registry conformance suite against the OCI image layout store, plus what only the folder shows.</summary>
public sealed class OciLayoutStoreConformance(OciLayoutFixture fixture, ITestOutputHelper output)
    : BundleRegistryConformance<OciLayoutFixture>(fixture, output)
{
    [Fact]
    public async Task Tag_Manifest_IsAnImageLayoutWithTheTagInIndexJson()
    {
        var store = Fixture.Create();
        var repository = Repository();
        var descriptor = await store.PushManifestAsync(repository, (await PushArtifactAsync(store, repository, "layout", null)).Manifest, OciMediaTypes.ImageManifest);

        await store.TagAsync(repository, "t1", descriptor.Digest);

        var folder = store.Location["oci-layout:".Length..] + "/" + repository;
        Assert.Equal("1.0.0", JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "oci-layout"))).RootElement.GetProperty("imageLayoutVersion").GetString());
        var entry = Assert.Single(JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "index.json"))).RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal(descriptor.Digest, entry.GetProperty("digest").GetString());
        Assert.Equal("t1", entry.GetProperty("annotations").GetProperty(OciMediaTypes.RefNameAnnotation).GetString());
        Assert.True(File.Exists(Path.Combine(folder, "blobs", "sha256", descriptor.Hex)));
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }
}
