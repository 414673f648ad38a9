using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Artifacts.S3;

/// <summary>
/// Content-addressed objects in an S3 bucket: content lives at <c>[prefix]sha256/ab/cdef…</c> under its sha256.
/// A put spools and hashes first, then uploads only when the key is absent, conditionally
/// (<c>If-None-Match: *</c>), so stored content is never overwritten; S3 checks a single-put upload against
/// the SHA-256. Content from <see cref="MultipartThreshold"/> on goes up in parts.
/// </summary>
public sealed partial class S3ArtifactStore : IArtifactStore, IDisposable
{
    private const int PutTries = 3;
    private readonly IAmazonS3 _s3;
    private readonly string _prefix;
    private readonly bool _createBucket;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private volatile bool _bucketReady;

    /// <summary>Creates the store from its settings; the bucket is checked (and created, if so set) on first use.</summary>
    public S3ArtifactStore(IOptions<S3Settings> settings, ILogger<S3ArtifactStore> logger)
    {
        var value = settings.Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(value.Bucket, "S3Settings.Bucket");
        _s3 = S3ClientFactory.Create(value);
        Bucket = value.Bucket;
        _prefix = value.KeyPrefix.Trim('/') is { Length: > 0 } p ? p + "/" : "";
        _createBucket = value.CreateBucket;
        _logger = logger;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The client, shared with <see cref="S3DeliverableStore"/>.</summary>
    internal IAmazonS3 Client => _s3;

    /// <summary>The key prefix ("" or ending in '/').</summary>
    internal string Prefix => _prefix;

    /// <summary>Content this large or larger is uploaded in parts of <see cref="PartSize"/>.</summary>
    internal long MultipartThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>Size of each part but the last (S3 wants at least 5 MiB, at most 10,000 parts: 16 MiB parts reach 156 GiB).</summary>
    internal long PartSize { get; set; } = 16L * 1024 * 1024;

    /// <inheritdoc />
    public async Task<ArtifactRef> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var spooled = await SpooledContent.CopyAsync(content, cancellationToken);
        var stored = new ArtifactRef(spooled.Address, spooled.Size);
        var key = KeyOf(stored.Sha256);
        await EnsureBucketAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (await HeadAsync(key, cancellationToken))
            {
                Log.AlreadyStored(_logger, stored.Sha256);
                return stored;
            }
            try
            {
                if (spooled.Size >= MultipartThreshold)
                {
                    await MultipartUpload.PutAsync(_s3, Bucket, key, spooled.File, spooled.Size, PartSize, cancellationToken);
                    Log.Stored(_logger, stored.Sha256, stored.Size);
                    return stored;
                }
                spooled.File.Position = 0;
                await _s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = Bucket,
                    Key = key,
                    InputStream = spooled.File,
                    AutoCloseStream = false,
                    ContentType = "application/octet-stream",
                    ChecksumSHA256 = Convert.ToBase64String(spooled.Sha256),
                    IfNoneMatch = "*",
                }, cancellationToken);
                Log.Stored(_logger, stored.Sha256, stored.Size);
                return stored;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                // Another writer stored the same content first; theirs is identical.
                return stored;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Conflict && attempt < PutTries)
            {
                // A concurrent conditional write of this key is in flight; it may yet fail, so look again.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!IsAddress(sha256))
            return null;
        await EnsureBucketAsync(cancellationToken);
        try
        {
            var response = await _s3.GetObjectAsync(Bucket, KeyOf(sha256), cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (IsMissingKey(e))
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!IsAddress(sha256))
            return false;
        await EnsureBucketAsync(cancellationToken);
        return await HeadAsync(KeyOf(sha256), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _s3.Dispose();
        _bucketGate.Dispose();
    }

    /// <summary>Throws unless the bucket answers; used by the health check.</summary>
    internal async Task CheckBucketAsync(CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = Bucket }, cancellationToken);
    }

    /// <summary>The object key of an address.</summary>
    internal string KeyOf(string sha256) => $"{_prefix}sha256/{sha256[..2]}/{sha256[2..]}";

    private async Task<bool> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.GetObjectMetadataAsync(Bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (IsMissingKey(e))
        {
            return false;
        }
    }

    // A missing bucket is a misconfiguration to report, not an unknown address.
    private static bool IsMissingKey(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket";

    internal async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady || !_createBucket)
            return;
        await _bucketGate.WaitAsync(cancellationToken);
        try
        {
            if (_bucketReady)
                return;
            try
            {
                await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = Bucket }, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                try
                {
                    await _s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken);
                    Log.BucketCreated(_logger, Bucket);
                }
                catch (AmazonS3Exception created) when (created.ErrorCode == "BucketAlreadyOwnedByYou")
                {
                    // Another process created it in between.
                }
            }
            _bucketReady = true;
        }
        finally
        {
            _bucketGate.Release();
        }
    }

    // Anything but 64 lower-case hex digits is refused before it reaches a key.
    private static bool IsAddress(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static partial class Log
    {
        [LoggerMessage(LogEvents.BucketCreated, LogLevel.Information, "Created bucket {Bucket}")]
        public static partial void BucketCreated(ILogger logger, string bucket);

        [LoggerMessage(LogEvents.Stored, LogLevel.Debug, "Stored {Sha256} ({Size} bytes)")]
        public static partial void Stored(ILogger logger, string sha256, long size);

        [LoggerMessage(LogEvents.AlreadyStored, LogLevel.Debug, "{Sha256} is already stored; upload skipped")]
        public static partial void AlreadyStored(ILogger logger, string sha256);
    }
}
