using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Artifacts.S3;

namespace Noa.Conformance;

/// <summary>
/// Stores in one fresh bucket per test class on the S3 server of <c>NOA_TEST_S3</c> (default: the moto server
/// scripts/services.sh starts on 127.0.0.1:4566), each under its own key prefix; the bucket is emptied and
/// removed when the class ends.
/// </summary>
public sealed class S3Fixture : IArtifactStoreFixture, IAsyncLifetime
{
    private readonly TempFolder _secrets = new("noa-s3-secret");
    private readonly List<S3ArtifactStore> _stores = [];
    private readonly string _serviceUrl;
    private readonly string _secretKeyFile;

    /// <summary>Reads the server address and writes the (dummy) secret key to a file.</summary>
    public S3Fixture()
    {
        var configured = Environment.GetEnvironmentVariable("NOA_TEST_S3");
        _serviceUrl = string.IsNullOrEmpty(configured) ? "http://127.0.0.1:4566" : configured;
        _secretKeyFile = _secrets.Next("secret-key");
        File.WriteAllText(_secretKeyFile, "test\n");
        Client = S3ClientFactory.Create(Settings(""));
    }

    /// <inheritdoc />
    public string? Unavailable { get; private set; }

    /// <summary>The bucket of this test class; created by the first store.</summary>
    public string Bucket { get; } = $"noa-test-{Guid.NewGuid():N}";

    /// <summary>A client of the same server, to look behind a store.</summary>
    public IAmazonS3 Client { get; }

    /// <summary>The settings of the store most recently created.</summary>
    public S3Settings LastSettings { get; private set; } = new();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Client.ListBucketsAsync(new ListBucketsRequest(), timeout.Token);
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException or HttpRequestException or OperationCanceledException)
        {
            Unavailable = $"S3 is not reachable at {_serviceUrl} ({e.Message})";
        }
    }

    /// <summary>Settings of a store in this class's bucket under the given key prefix.</summary>
    public S3Settings Settings(string keyPrefix) => new()
    {
        ServiceUrl = _serviceUrl, Bucket = Bucket, KeyPrefix = keyPrefix, Region = "us-east-1",
        AccessKey = "test", SecretKeyFile = _secretKeyFile, ForcePathStyle = true, CreateBucket = true,
    };

    /// <summary>A store over the given settings, disposed with the fixture.</summary>
    public S3ArtifactStore Open(S3Settings settings)
    {
        var store = new S3ArtifactStore(Options.Create(settings), NullLogger<S3ArtifactStore>.Instance);
        lock (_stores)
            _stores.Add(store);
        return store;
    }

    /// <inheritdoc />
    public Task<IArtifactStore> CreateAsync()
    {
        LastSettings = Settings($"store-{Guid.NewGuid():N}");
        return Task.FromResult<IArtifactStore>(Open(LastSettings));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
            store.Dispose();
        if (Unavailable is null)
        {
            try
            {
                var listing = new ListObjectsV2Request { BucketName = Bucket };
                ListObjectsV2Response page;
                do
                {
                    page = await Client.ListObjectsV2Async(listing);
                    foreach (var item in page.S3Objects ?? [])
                        await Client.DeleteObjectAsync(Bucket, item.Key);
                    listing.ContinuationToken = page.NextContinuationToken;
                }
                while (page.IsTruncated == true);
                await Client.DeleteBucketAsync(Bucket);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
            {
                // No test created a store that reached the server.
            }
        }
        Client.Dispose();
        _secrets.Dispose();
    }
}
