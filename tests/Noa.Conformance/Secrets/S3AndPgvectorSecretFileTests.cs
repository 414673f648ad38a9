using Microsoft.Extensions.Options;
using Noa.Artifacts.S3;
using Noa.Credentials;
using Noa.Vectors.Postgres;

namespace Noa.Conformance;

/// <summary>
/// The S3 store and the pgvector store read their secrets through the one reader. (moto does not check signatures and
/// the test Postgres trusts local connections, so rotation is shown on what signs the requests, not on a refusal.)
/// </summary>
public sealed class S3AndPgvectorSecretFileTests : IDisposable
{
    private readonly TempFolder _folder = new("noa-s3-secret");

    [Fact]
    public async Task S3Credentials_AfterTheSecretFileRotates_SignWithTheNewSecret()
    {
        var file = _folder.Next("secret-key");
        await File.WriteAllTextAsync(file, "first-secret\n");
        var credentials = new SecretFileCredentials("AKIDEXAMPLE", new SecretFile(file, "Noa:Artifacts:S3:SecretKeyFile"));
        Assert.Equal(("AKIDEXAMPLE", "first-secret"), (credentials.GetCredentials().AccessKey, credentials.GetCredentials().SecretKey));

        await File.WriteAllTextAsync(file, "second-secret\n");

        Assert.Equal("second-secret", (await credentials.GetCredentialsAsync()).SecretKey);
    }

    [Fact]
    public void S3_SecretKeyFileMissing_IsRefusedAtStartNamingTheSetting()
    {
        var settings = new S3Settings { ServiceUrl = "http://127.0.0.1:4566", AccessKey = "AKIDEXAMPLE", SecretKeyFile = _folder.Next("absent") };

        var error = Assert.Throws<SecretFileException>(() => new S3ArtifactStore(Options.Create(settings), Microsoft.Extensions.Logging.Abstractions.NullLogger<S3ArtifactStore>.Instance));

        Assert.Contains("Noa:Artifacts:S3:SecretKeyFile", error.Message);
    }

    [Fact]
    public void Pgvector_PasswordInTheConnectionString_IsRefusedWithoutShowingIt()
    {
        var settings = new PostgresVectorSettings { ConnectionString = "Host=127.0.0.1;Username=noa;Password=hunter2" };

        var error = Assert.Throws<SecretFileException>(() => new PostgresVectorStore(Options.Create(settings)));

        Assert.Contains("PasswordFile", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
