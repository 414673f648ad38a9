using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>What every <see cref="IBundleRegistry"/> must do: content addressing, immutable tags, referrers, and content another client reads.</summary>
public abstract class BundleRegistryConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IBundleRegistryFixture
{
    [Fact]
    public async Task PushBlob_Content_ExistsAndReadsBack()
    {
        RequireServer();
        var store = Fixture.Create();
        var repository = Repository();
        var content = "a layer of noa\n"u8.ToArray();
        var digest = OciDigest.Of(content);

        Assert.False(await store.BlobExistsAsync(repository, digest));
        await store.PushBlobAsync(repository, digest, content.Length, Open(content));
        await store.PushBlobAsync(repository, digest, content.Length, Open(content)); // already there: nothing to do

        Assert.True(await store.BlobExistsAsync(repository, digest));
        Assert.Equal(content, await ReadAsync(store, repository, digest));
        Assert.Null(await store.OpenBlobAsync(repository, OciDigest.Of("other"u8)));
    }

    [Fact]
    public async Task PushBlob_ContentNotMatchingItsDigest_IsRefusedAndStoresNothing()
    {
        RequireServer();
        var store = Fixture.Create();
        var repository = Repository();
        var claimed = OciDigest.Of("what was promised"u8);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.PushBlobAsync(repository, claimed, 17, Open("what was delivered"u8.ToArray()[..17])));

        Assert.False(await store.BlobExistsAsync(repository, claimed));
    }

    [Fact]
    public async Task PushBlob_AboveChunkThreshold_RoundTripsByteForByte()
    {
        RequireServer();
        var store = Fixture.Create(chunkThreshold: 100 * 1024);
        var repository = Repository();
        var content = new byte[1024 * 1024 + 123];
        new Random(19).NextBytes(content);
        var digest = OciDigest.Of(content);
        long reported = 0;

        await store.PushBlobAsync(repository, digest, content.Length, Open(content), new SyncProgress(v => reported = v));

        Assert.Equal(content.Length, reported);
        Assert.Equal(content, await ReadAsync(store, repository, digest));
    }

    [Fact]
    public async Task PushManifest_ReadByDigestAndTag_IsByteIdentical()
    {
        RequireServer();
        var store = Fixture.Create();
        var repository = Repository();
        var (manifest, _) = await PushArtifactAsync(store, repository, "bundle", subject: null);

        var descriptor = await store.PushManifestAsync(repository, manifest, OciMediaTypes.ImageManifest);
        await store.TagAsync(repository, "v1", descriptor.Digest);

        Assert.Equal(OciDigest.Of(manifest), descriptor.Digest);
        Assert.Equal(OciMediaTypes.Bundle, descriptor.ArtifactType);
        var byDigest = Assert.IsType<StoredManifest>(await store.GetManifestAsync(repository, descriptor.Digest));
        var byTag = Assert.IsType<StoredManifest>(await store.GetManifestAsync(repository, "v1"));
        Assert.Equal(manifest, byDigest.Content.ToArray());
        Assert.Equal(manifest, byTag.Content.ToArray());
        Assert.Equal(descriptor.Digest, byTag.Descriptor.Digest);
        Assert.Null(await store.GetManifestAsync(repository, "v2"));
    }

    [Fact]
    public async Task PushManifest_NamingABlobNotPushed_IsRefused()
    {
        RequireServer();
        var store = Fixture.Create();
        var repository = Repository();
        await store.PushBlobAsync(repository, OciDigest.EmptyConfig.Digest, 2, Open(OciDigest.EmptyContent.ToArray()));
        var manifest = OciJson.Serialize(new OciManifest
        {
            ArtifactType = OciMediaTypes.Bundle, Config = OciDigest.EmptyConfig,
            Layers = [new OciDescriptor { MediaType = "application/json", Digest = OciDigest.Of("never pushed"u8), Size = 12 }],
        });

        await Assert.ThrowsAsync<BundleRegistryException>(() => store.PushManifestAsync(repository, manifest, OciMediaTypes.ImageManifest));

        Assert.Null(await store.GetManifestAsync(repository, OciDigest.Of(manifest)));
    }

    [Fact]
    public async Task Tag_SameDigestAgain_IsAcceptedAndAnotherDigestIsRefused()
    {
        RequireServer();
        var store = Fixture.Create();
        var repository = Repository();
        var first = await store.PushManifestAsync(repository, (await PushArtifactAsync(store, repository, "one", null)).Manifest, OciMediaTypes.ImageManifest);
        var second = await store.PushManifestAsync(repository, (await PushArtifactAsync(store, repository, "two", null)).Manifest, OciMediaTypes.ImageManifest);
        await store.TagAsync(repository, "tree-abc", first.Digest);

        await store.TagAsync(repository, "tree-abc", first.Digest);
        var conflict = await Assert.ThrowsAsync<BundleTagConflictException>(() => store.TagAsync(repository, "tree-abc", second.Digest));

        Assert.Equal((first.Digest, second.Digest), (conflict.Existing, conflict.Refused));
        Assert.Contains("immutable", conflict.Message);
        Assert.Equal(first.Digest, (await store.GetManifestAsync(repository, "tree-abc"))!.Descriptor.Digest);
    }

    [Fact]
    public async Task PushManifest_WithSubject_IsListedAmongItsReferrersByType()
    {
        RequireServer();
        var store = Fixture.Create();
        var repository = Repository();
        var subject = await store.PushManifestAsync(repository, (await PushArtifactAsync(store, repository, "subject", null)).Manifest, OciMediaTypes.ImageManifest);
        var sbom = await store.PushManifestAsync(repository, (await PushArtifactAsync(store, repository, "sbom", subject, "application/vnd.cyclonedx+json")).Manifest, OciMediaTypes.ImageManifest);
        var sarif = await store.PushManifestAsync(repository, (await PushArtifactAsync(store, repository, "sarif", subject, "application/sarif+json")).Manifest, OciMediaTypes.ImageManifest);
        await store.PushManifestAsync(repository, (await PushArtifactAsync(store, repository, "sarif", subject, "application/sarif+json")).Manifest, OciMediaTypes.ImageManifest);

        var all = await store.GetReferrersAsync(repository, subject.Digest);
        var sarifs = await store.GetReferrersAsync(repository, subject.Digest, "application/sarif+json");

        Assert.Equal(new[] { sarif.Digest, sbom.Digest }.Order(StringComparer.Ordinal), all.Select(d => d.Digest).Order(StringComparer.Ordinal));
        Assert.Equal(sarif.Digest, Assert.Single(sarifs).Digest);
        Assert.Equal("application/sarif+json", sarifs[0].ArtifactType);
        Assert.Empty(await store.GetReferrersAsync(repository, sbom.Digest));
        Assert.Equal(Fixture.ExpectedReferrersMode, await store.GetReferrersModeAsync(repository));
    }

    [Fact]
    public async Task TaggedArtifact_ReadByAnotherClient_IsTheSameManifest()
    {
        RequireServer();
        var skopeo = Requirement.Present(FindOnPath("skopeo"), "skopeo is not installed (scripts/capsule.sh installs it; or apt-get install skopeo)");
        var store = Fixture.Create();
        var repository = Repository();
        var (manifest, layer) = await PushArtifactAsync(store, repository, "read by skopeo", null);
        var descriptor = await store.PushManifestAsync(repository, manifest, OciMediaTypes.ImageManifest);
        await store.TagAsync(repository, "skopeo", descriptor.Digest);

        var raw = await RunAsync(skopeo, ["inspect", "--raw", .. Fixture.Skopeo(repository, "skopeo")]);

        Assert.Equal(Encoding.UTF8.GetString(manifest), raw.TrimEnd('\n'));
        Assert.Contains(layer, raw);
    }

    /// <summary>A repository no other test uses.</summary>
    protected static string Repository() => $"noa-test/{Guid.NewGuid():N}";

    /// <summary>Content from a byte array, opened afresh on each call.</summary>
    protected static Func<CancellationToken, Task<Stream>> Open(byte[] content) => _ => Task.FromResult<Stream>(new MemoryStream(content, writable: false));

    /// <summary>Pushes a one-layer artifact's blobs and returns its manifest (not pushed) and its layer digest.</summary>
    protected static async Task<(byte[] Manifest, string Layer)> PushArtifactAsync(IBundleRegistry store, string repository, string text,
        OciDescriptor? subject, string artifactType = OciMediaTypes.Bundle)
    {
        var content = Encoding.UTF8.GetBytes(text);
        var layer = new OciDescriptor
        {
            MediaType = "text/plain", Digest = OciDigest.Of(content), Size = content.Length,
            Annotations = new Dictionary<string, string> { [OciMediaTypes.TitleAnnotation] = "content.txt" },
        };
        await store.PushBlobAsync(repository, OciDigest.EmptyConfig.Digest, 2, Open(OciDigest.EmptyContent.ToArray()));
        await store.PushBlobAsync(repository, layer.Digest, layer.Size, Open(content));
        var manifest = new OciManifest
        {
            ArtifactType = artifactType, Config = OciDigest.EmptyConfig, Layers = [layer],
            Subject = subject is null ? null : new OciDescriptor { MediaType = subject.MediaType, Digest = subject.Digest, Size = subject.Size },
            Annotations = new Dictionary<string, string> { ["dev.noa.test"] = text },
        };
        return (OciJson.Serialize(manifest), layer.Digest);
    }

    /// <summary>Reads a whole blob.</summary>
    protected static async Task<byte[]> ReadAsync(IBundleRegistry store, string repository, string digest)
    {
        await using var stream = await store.OpenBlobAsync(repository, digest) ?? throw new InvalidOperationException($"{digest} is missing");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(digest, OciDigest.Prefix + Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())));
        return copy.ToArray();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {await stderr}");
        return await stdout;
    }

    /// <summary>Progress reported on the caller's thread, so a test reads the last value once the push returns.</summary>
    protected sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        /// <inheritdoc />
        public void Report(long value) => report(value);
    }
}
