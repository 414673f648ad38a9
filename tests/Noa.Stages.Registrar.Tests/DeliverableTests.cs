using System.IO.Compression;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Artifacts.S3;

namespace Noa.Stages.Registrar.Tests;

/// <summary>
/// The zipped deliverable on the S3 server of scripts/services.sh (moto): versioned bucket, server-side encryption, SHA-256
/// checked by reading the object back; a refusing store publishes nothing (no tag, no catalogue row).
/// </summary>
public sealed class DeliverableTests : IAsyncLifetime
{
    private readonly PublishedRuns _runs = new();
    private readonly string _bucket = $"noa-deliverables-{Guid.NewGuid():N}"[..40];
    private readonly List<IDisposable> _owned = [];
    private IAmazonS3? _client;

    public async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("NOA_TEST_S3") is { Length: > 0 } configured ? configured : "http://127.0.0.1:4566";
        _client = new AmazonS3Client("test", "test", new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _client.ListBucketsAsync(new ListBucketsRequest(), timeout.Token);
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonClientException or Amazon.Runtime.AmazonServiceException or HttpRequestException or OperationCanceledException)
        {
            _client = null;
        }
    }

    [Fact]
    public async Task Publish_UploadsAVersionedEncryptedZip_OfEveryBundleFile_AndARetryKeepsItsVersion()
    {
        var client = RequireS3();
        var files = Requirement.Present(PublishedRuns.CorpusFiles(), "the npm corpus is missing (.cache/corpora/npm): run scripts/corpora.sh npm");
        var runId = await _runs.AddRunAsync("https://example.org/iconv-lite.git", files);
        var publisher = _runs.Publisher(_runs.Layout(), deliverables: Deliverables(createBucket: true));

        var result = await publisher.PublishAsync(runId);
        var again = await publisher.PublishAsync(runId);

        var deliverable = Assert.IsType<CatalogDeliverable>(result.Deliverable);
        Assert.Equal($"example-org-iconv-lite/{runId}.zip", deliverable.Key[(deliverable.Key.IndexOf("deliverables/", StringComparison.Ordinal) + "deliverables/".Length)..]);
        Assert.False(string.IsNullOrEmpty(deliverable.VersionId));
        Assert.Equal(deliverable, again.Deliverable);
        var versions = await client.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket, Prefix = deliverable.Key });
        Assert.Single(versions.Versions);
        Assert.Equal(VersionStatus.Enabled, (await client.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = _bucket })).VersioningConfig.Status);

        using var read = await client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = deliverable.Key, VersionId = deliverable.VersionId });
        Assert.Equal(ServerSideEncryptionMethod.AES256, read.ServerSideEncryptionMethod);
        using var copy = new MemoryStream();
        await read.ResponseStream.CopyToAsync(copy);
        Assert.Equal(deliverable.Sha256, Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())));
        Assert.Equal(deliverable.Size, copy.Length);
        copy.Position = 0;
        using var zip = new ZipArchive(copy, ZipArchiveMode.Read);
        foreach (var (path, content) in files)
        {
            var entry = zip.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"{path} is not in the zip");
            using var entryStream = entry.Open();
            using var bytes = new MemoryStream();
            await entryStream.CopyToAsync(bytes);
            Assert.Equal(content, bytes.ToArray());
        }
        Assert.NotNull(zip.GetEntry(".oci/manifest.json"));
        Assert.Equal(deliverable, (await _runs.Runs.GetAsync(runId))!.Deliverable);
    }

    [Fact]
    public async Task Publish_BucketMissing_IsRefusedAndPublishesNothing()
    {
        RequireS3();
        var runId = await _runs.AddRunAsync("https://example.org/refused.git", new Dictionary<string, byte[]> { ["README.md"] = "# refused\n"u8.ToArray() });
        var layout = _runs.Layout();
        var publisher = _runs.Publisher(layout, prefix: "noa", deliverables: Deliverables(createBucket: false));

        var error = await Assert.ThrowsAsync<DeliverableRefusedException>(() => publisher.PublishAsync(runId));

        Assert.Contains(_bucket, error.Message);
        Assert.Null(await layout.GetManifestAsync("noa/example-org-refused", runId)); // no tag: nothing published half
        Assert.Null(await _runs.Runs.GetAsync(runId));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                var versions = await _client.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket });
                foreach (var v in versions.Versions ?? [])
                    await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = v.Key, VersionId = v.VersionId });
                await _client.DeleteBucketAsync(new DeleteBucketRequest { BucketName = _bucket });
            }
            catch (AmazonS3Exception)
            {
                // The refusal test never made its bucket.
            }
            _client.Dispose();
        }
        foreach (var owned in _owned)
            owned.Dispose();
        _runs.Dispose();
    }

    private IAmazonS3 RequireS3() =>
        Requirement.Present(_client, "S3 (moto) is not reachable at 127.0.0.1:4566; start it with scripts/services.sh");

    private S3DeliverableStore Deliverables(bool createBucket)
    {
        var secret = Path.Combine(_runs.Home, "s3-secret");
        File.WriteAllText(secret, "test\n");
        var settings = Options.Create(new S3Settings
        {
            ServiceUrl = Environment.GetEnvironmentVariable("NOA_TEST_S3") is { Length: > 0 } configured ? configured : "http://127.0.0.1:4566",
            Bucket = _bucket, KeyPrefix = "t", AccessKey = "test", SecretKeyFile = secret, ForcePathStyle = true, CreateBucket = createBucket,
        });
        var artifacts = new S3ArtifactStore(settings, NullLogger<S3ArtifactStore>.Instance);
        _owned.Add(artifacts);
        return new S3DeliverableStore(artifacts, settings, NullLogger<S3DeliverableStore>.Instance);
    }
}
