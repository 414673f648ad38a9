namespace Noa.Artifacts.S3;

/// <summary>Settings of the S3 (or MinIO, or any S3-compatible server) artifact store.</summary>
public sealed class S3Settings
{
    /// <summary>The endpoint of an S3-compatible server, e.g. <c>http://minio:9000</c>; null for AWS S3 in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The bucket holding the content.</summary>
    public string Bucket { get; set; } = "noa-artifacts";

    /// <summary>Prefix of every key (e.g. <c>prod/</c>), so one bucket can hold several stores; empty for none.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>The region requests are signed for (and, without <see cref="ServiceUrl"/>, whose endpoint is used).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The access key id; null to use the SDK's default credentials (environment, web identity, instance role).</summary>
    public string? AccessKey { get; set; }

    /// <summary>A file holding the secret access key (e.g. <c>/run/secrets/s3-secret-key</c>); needed with <see cref="AccessKey"/>.</summary>
    public string? SecretKeyFile { get; set; }

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), as MinIO and most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Creates the bucket on first use when it does not exist (needs the permission to).</summary>
    public bool CreateBucket { get; set; }

    /// <summary>
    /// Server-side encryption asked of S3 for the Registrar's deliverables (<c>x-amz-server-side-encryption</c>): <c>AES256</c> (the
    /// default), <c>aws:kms</c> (the bucket's default KMS key), or empty for none (a server that does not support it).
    /// </summary>
    public string ServerSideEncryption { get; set; } = "AES256";

    /// <summary>Leaves out the readiness check that asks for the bucket.</summary>
    public bool DisableHealthChecks { get; set; }
}
