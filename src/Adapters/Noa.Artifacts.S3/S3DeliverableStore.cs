using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Artifacts.S3;

/// <summary>
/// Deliverables in the artifact store's bucket, with its client and settings, under <c>[prefix]deliverables/KEY</c>: versioning is
/// turned on for the bucket before the first put (each put of a key is a new version, the earlier ones kept), and each object
/// is written with server-side encryption (<see cref="S3Settings.ServerSideEncryption"/>) and its SHA-256 checked by S3. A key
/// that already holds the same SHA-256 (a retry) answers its version instead of writing another.
/// </summary>
public sealed partial class S3DeliverableStore(S3ArtifactStore artifacts, IOptions<S3Settings> settings, ILogger<S3DeliverableStore> logger) : IDeliverableStore
{
    private const string ShaMetadata = "x-amz-meta-sha256";
    private readonly SemaphoreSlim _versioningGate = new(1, 1);
    private volatile bool _versioned;

    /// <inheritdoc />
    public string Location => $"s3://{artifacts.Bucket}/{artifacts.Prefix}deliverables/";

    /// <inheritdoc />
    public async Task<CatalogDeliverable> PutAsync(string key, Stream content, long size, string sha256, CancellationToken cancellationToken = default)
    {
        var objectKey = $"{artifacts.Prefix}deliverables/{key}";
        try
        {
            await EnsureVersioningAsync(cancellationToken);
            if (await HeadAsync(objectKey, cancellationToken) is { } existing && existing.Metadata[ShaMetadata] == sha256)
                return new CatalogDeliverable(objectKey, existing.VersionId, sha256, size);
            var request = new PutObjectRequest
            {
                BucketName = artifacts.Bucket, Key = objectKey, InputStream = content, AutoCloseStream = false, ContentType = "application/zip",
                ChecksumSHA256 = Convert.ToBase64String(Convert.FromHexString(sha256)),
            };
            request.Metadata.Add(ShaMetadata, sha256);
            if (settings.Value.ServerSideEncryption is { Length: > 0 } sse)
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.FindValue(sse);
            var put = await artifacts.Client.PutObjectAsync(request, cancellationToken);
            Log.Stored(logger, objectKey, put.VersionId ?? "-", size);
            return new CatalogDeliverable(objectKey, put.VersionId, sha256, size);
        }
        catch (AmazonS3Exception e) when (IsRefusal(e))
        {
            throw new DeliverableRefusedException(
                $"S3 at {settings.Value.ServiceUrl ?? settings.Value.Region} refused the deliverable s3://{artifacts.Bucket}/{objectKey}: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
        }
    }

    // 4xx but throttling and conflicts: credentials, permissions, a missing bucket, a bad request do not change on retry.
    private static bool IsRefusal(AmazonS3Exception e) =>
        (int)e.StatusCode is >= 400 and < 500 && e.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict or HttpStatusCode.RequestTimeout);

    private async Task<GetObjectMetadataResponse?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await artifacts.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = artifacts.Bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
    }

    private async Task EnsureVersioningAsync(CancellationToken cancellationToken)
    {
        if (_versioned)
            return;
        await _versioningGate.WaitAsync(cancellationToken);
        try
        {
            if (_versioned)
                return;
            await artifacts.EnsureBucketAsync(cancellationToken);
            var state = await artifacts.Client.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = artifacts.Bucket }, cancellationToken);
            if (state.VersioningConfig?.Status != VersionStatus.Enabled)
            {
                await artifacts.Client.PutBucketVersioningAsync(new PutBucketVersioningRequest
                {
                    BucketName = artifacts.Bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
                }, cancellationToken);
                Log.VersioningEnabled(logger, artifacts.Bucket);
            }
            _versioned = true;
        }
        finally
        {
            _versioningGate.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.DeliverableStored, LogLevel.Information, "Stored deliverable {Key} version {Version} ({Size} bytes)")]
        public static partial void Stored(ILogger logger, string key, string version, long size);

        [LoggerMessage(LogEvents.VersioningEnabled, LogLevel.Information, "Turned on object versioning for bucket {Bucket} (deliverables keep every version)")]
        public static partial void VersioningEnabled(ILogger logger, string bucket);
    }
}
