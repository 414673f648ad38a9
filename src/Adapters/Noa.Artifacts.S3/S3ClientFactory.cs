using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Noa.Credentials;

namespace Noa.Artifacts.S3;

/// <summary>An S3 client from <see cref="S3Settings"/>: endpoint, region, credentials from a file.</summary>
internal static class S3ClientFactory
{
    public static IAmazonS3 Create(S3Settings settings)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            // SDK v4 otherwise adds CRC checksums (trailers, aws-chunked bodies) that S3-compatible servers
            // (MinIO versions, moto) do not all understand; put sends its own SHA-256 for S3 to verify.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrEmpty(settings.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }
        else
        {
            config.ServiceURL = settings.ServiceUrl;
            config.AuthenticationRegion = settings.Region;
        }

        if (string.IsNullOrEmpty(settings.AccessKey))
            return new AmazonS3Client(config);
        if (SecretFile.From(settings.SecretKeyFile, "Noa:Artifacts:S3:SecretKeyFile") is not { } secret)
            throw new SecretFileException("Noa:Artifacts:S3: AccessKey is set but SecretKeyFile is not; the secret key is read from a file.");
        secret.Read(); // a missing or empty file fails at start, not at the first request
        return new AmazonS3Client(new SecretFileCredentials(settings.AccessKey, secret), config);
    }
}
