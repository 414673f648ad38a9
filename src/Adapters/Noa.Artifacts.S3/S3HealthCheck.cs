using Amazon.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Noa.Artifacts.S3;

/// <summary>Ready when the bucket answers.</summary>
internal sealed class S3HealthCheck(S3ArtifactStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckBucketAsync(cancellationToken);
            return HealthCheckResult.Healthy($"bucket {store.Bucket}");
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException or IOException)
        {
            return HealthCheckResult.Unhealthy($"the S3 bucket {store.Bucket} does not answer", e);
        }
    }
}
