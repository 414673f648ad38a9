using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Noa.Abstractions;
using Noa.Artifacts.S3;

namespace Noa.Conformance;

/// <summary>The artifact store conformance suite against S3, plus what only a bucket can show.</summary>
public sealed class S3ArtifactStoreConformance(S3Fixture fixture, ITestOutputHelper output)
    : ArtifactStoreConformance<S3Fixture>(fixture, output)
{
    [Fact]
    public async Task Put_Content_StoresOneObjectUnderThePrefixedContentAddress()
    {
        RequireServer();
        var store = await Fixture.CreateAsync();

        var stored = await store.PutAsync(new MemoryStream("addressed"u8.ToArray()));

        var prefix = Fixture.LastSettings.KeyPrefix;
        var listing = await Fixture.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Fixture.Bucket, Prefix = prefix + "/" });
        var item = Assert.Single(listing.S3Objects);
        Assert.Equal($"{prefix}/sha256/{stored.Sha256[..2]}/{stored.Sha256[2..]}", item.Key);
        Assert.Equal(stored.Size, item.Size);
    }

    [Fact]
    public async Task Put_KeyAlreadyPresent_NeverOverwritesIt()
    {
        RequireServer();
        var store = (S3ArtifactStore)await Fixture.CreateAsync();
        var content = "the real content"u8.ToArray();
        var key = store.KeyOf(Convert.ToHexStringLower(SHA256.HashData(content)));
        await store.ExistsAsync(new string('0', 64)); // creates the bucket
        await Fixture.Client.PutObjectAsync(new PutObjectRequest { BucketName = Fixture.Bucket, Key = key, ContentBody = "planted" });

        await store.PutAsync(new MemoryStream(content));

        using var read = await Fixture.Client.GetObjectAsync(Fixture.Bucket, key);
        using var text = new StreamReader(read.ResponseStream);
        Assert.Equal("planted", await text.ReadToEndAsync());
    }

    [Fact]
    public async Task Put_AboveMultipartThreshold_UploadsInPartsAndRoundTrips()
    {
        RequireServer();
        var store = (S3ArtifactStore)await Fixture.CreateAsync();
        (store.MultipartThreshold, store.PartSize) = (6 * 1024 * 1024, 5 * 1024 * 1024);
        var content = new byte[12 * 1024 * 1024 + 7];
        new Random(3).NextBytes(content);

        var stored = await store.PutAsync(new MemoryStream(content));
        var again = await store.PutAsync(new MemoryStream(content));

        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(content)), content.LongLength), (stored.Sha256, stored.Size));
        Assert.Equal(stored, again);
        Assert.Equal(content, await ReadAllAsync(store, stored.Sha256));
        var head = await Fixture.Client.GetObjectMetadataAsync(Fixture.Bucket, store.KeyOf(stored.Sha256));
        Assert.EndsWith("-3\"", head.ETag); // a multipart ETag names its part count
    }

    [Fact]
    public async Task AddS3Artifacts_CalledTwice_RegistersOneStoreAndOneHealthyReadyCheck()
    {
        RequireServer();
        var settings = Fixture.Settings("health");
        void Configure(S3Settings s) => Copy(settings, s);
        await using var provider = new ServiceCollection().AddLogging().AddS3Artifacts(Configure).AddS3Artifacts(Configure).BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

        Assert.Same(provider.GetRequiredService<S3ArtifactStore>(), provider.GetRequiredService<IArtifactStore>());
        var entry = Assert.Single(report.Entries);
        Assert.Equal(("s3", HealthStatus.Healthy), (entry.Key, entry.Value.Status));
    }

    [Fact]
    public async Task HealthCheck_BucketMissingAndNotToBeCreated_IsUnhealthy()
    {
        RequireServer();
        var settings = Fixture.Settings("");
        settings.Bucket = $"noa-missing-{Guid.NewGuid():N}";
        settings.CreateBucket = false;
        await using var provider = new ServiceCollection().AddLogging().AddS3Artifacts(s => Copy(settings, s)).BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Unhealthy, Assert.Single(report.Entries).Value.Status);
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => provider.GetRequiredService<IArtifactStore>().OpenReadAsync(new string('0', 64)));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public void Create_AccessKeyWithoutSecretKeyFile_IsRefused()
    {
        var settings = Fixture.Settings("");
        settings.SecretKeyFile = null;

        var error = Assert.ThrowsAny<InvalidOperationException>(() => Fixture.Open(settings));

        Assert.Contains("SecretKeyFile", error.Message);
    }

    private static void Copy(S3Settings from, S3Settings to)
    {
        (to.ServiceUrl, to.Bucket, to.KeyPrefix, to.Region) = (from.ServiceUrl, from.Bucket, from.KeyPrefix, from.Region);
        (to.AccessKey, to.SecretKeyFile, to.ForcePathStyle, to.CreateBucket) = (from.AccessKey, from.SecretKeyFile, from.ForcePathStyle, from.CreateBucket);
    }
}
