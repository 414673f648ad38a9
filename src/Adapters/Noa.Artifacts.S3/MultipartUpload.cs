using Amazon.S3;
using Amazon.S3.Model;

namespace Noa.Artifacts.S3;

/// <summary>
/// A large object uploaded in parts from the spooled file: one PUT stops at 5 GiB, and a failed part is
/// retried alone instead of the whole object. Completed with <c>If-None-Match: *</c> like a single put;
/// aborted on failure so no orphan parts are billed.
/// </summary>
internal static class MultipartUpload
{
    public static async Task PutAsync(IAmazonS3 s3, string bucket, string key, Stream file, long size, long partSize, CancellationToken cancellationToken)
    {
        var started = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = key, ContentType = "application/octet-stream",
        }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var (number, offset) = (1, 0L); offset < size; number++, offset += partSize)
            {
                file.Position = offset;
                var uploaded = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket, Key = key, UploadId = started.UploadId, PartNumber = number,
                    InputStream = file, PartSize = Math.Min(partSize, size - offset),
                }, cancellationToken);
                parts.Add(new PartETag(number, uploaded.ETag));
            }
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = started.UploadId, PartETags = parts, IfNoneMatch = "*",
            }, cancellationToken);
        }
        catch
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = started.UploadId }, CancellationToken.None);
            throw;
        }
    }
}
