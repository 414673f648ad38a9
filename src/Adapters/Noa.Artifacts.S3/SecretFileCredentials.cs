using Amazon.Runtime;
using Noa.Credentials;

namespace Noa.Artifacts.S3;

/// <summary>
/// An access key whose secret is the secret file's content when a request is signed, so a rotated file is used from the
/// next request on, without a restart (the reader only reads the file again when it changed).
/// </summary>
internal sealed class SecretFileCredentials(string accessKey, SecretFile secret) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() => new(accessKey, secret.Read(), token: null);

    public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromResult(GetCredentials());
}
