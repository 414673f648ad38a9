using System.Net;
using System.Text;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// Credentials of a registry with basic auth: from the settings' password file or a docker <c>config.json</c>; a wrong
/// password or none is a refusal naming the registry and 401, never the secret, and leaves nothing pushed.
/// </summary>
public sealed class BasicAuthRegistryTests(BasicAuthRegistryFixture fixture) : IClassFixture<BasicAuthRegistryFixture>
{
    private const string WrongPassword = "wrong-battery-9";

    [Fact]
    public async Task PushBlob_WrongPassword_IsRefusedNamingTheRegistryAndNothingIsPushed()
    {
        Require();
        var store = fixture.Create(s => (s.Username, s.PasswordFile) = (AuthRegistryFixture.User, fixture.WriteSecret("wrong", WrongPassword)));
        var (repository, content, digest) = Blob();

        var error = await Assert.ThrowsAsync<BundleRegistryException>(() => store.PushBlobAsync(repository, digest, content.Length, Open(content)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.False(error.Transient);
        Assert.Contains(fixture.Authority, error.Message);
        Assert.Contains("401", error.Message);
        Assert.Contains($"refused basic credentials of '{AuthRegistryFixture.User}'", error.Message);
        Assert.DoesNotContain(WrongPassword, error.Message);
        Assert.False(await fixture.Create().BlobExistsAsync(repository, digest));
    }

    [Fact]
    public async Task PushManifest_NoCredentials_IsRefusedWith401NamingWhatToConfigure()
    {
        Require();
        var store = fixture.Create(_ => { });

        var error = await Assert.ThrowsAsync<BundleRegistryException>(() => store.GetManifestAsync(Repository(), "latest"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains($"{fixture.Url} answered 401", error.Message);
        Assert.Contains("no credentials are configured", error.Message);
    }

    [Fact]
    public async Task PushBlob_CredentialsOfADockerConfig_AuthenticateForItsHostOnly()
    {
        Require();
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthRegistryFixture.User}:{File.ReadAllText(fixture.PasswordFile).TrimEnd()}"));
        var config = fixture.WriteSecret("config.json", $$"""
            { "auths": { "other.example:5000": { "auth": "{{Convert.ToBase64String("x:y"u8)}}" }, "http://{{fixture.Authority}}": { "auth": "{{auth}}" } } }
            """);
        var store = fixture.Create(s => s.DockerConfigFile = config);
        var (repository, content, digest) = Blob();

        await store.PushBlobAsync(repository, digest, content.Length, Open(content));

        Assert.True(await fixture.Create().BlobExistsAsync(repository, digest));
        // The control: a config with only another host's entry sends nothing and is refused.
        var elsewhere = fixture.WriteSecret("elsewhere.json", $$"""{ "auths": { "other.example:5000": { "auth": "{{auth}}" } } }""");
        var refused = await Assert.ThrowsAsync<BundleRegistryException>(() => fixture.Create(s => s.DockerConfigFile = elsewhere).BlobExistsAsync(repository, digest));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
    }

    [Fact]
    public async Task BlobExists_PasswordFileMissing_FailsNamingTheSettingAndPath()
    {
        Require();
        var missing = Path.Combine(Path.GetTempPath(), $"noa-missing-{Guid.NewGuid():N}");
        var store = fixture.Create(s => (s.Username, s.PasswordFile) = (AuthRegistryFixture.User, missing));

        var error = await Assert.ThrowsAsync<BundleRegistryException>(() => store.BlobExistsAsync(Repository(), OciDigest.Of("x"u8)));

        Assert.Contains("Noa:Bundles:Registry:PasswordFile", error.Message);
        Assert.Contains(missing, error.Message);
        Assert.False(error.Transient);
    }

    [Fact]
    public void Create_UserWithoutPasswordFileOrBothKinds_ReportsEveryError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => fixture.Create(s => (s.Username, s.TokenFile, s.Url) = ("u", "/run/secrets/token", "http://127.0.0.1:1")));

        Assert.Contains("Username and PasswordFile go together", error.Message);
        Assert.Contains("either TokenFile or Username/PasswordFile", error.Message);
    }

    private void Require()
    {
        if (fixture.Unavailable is { } why)
            Requirement.Unmet($"{nameof(BasicAuthRegistryFixture)}: {why}");
    }

    internal static string Repository() => $"noa-test/{Guid.NewGuid():N}";

    internal static (string Repository, byte[] Content, string Digest) Blob()
    {
        var content = Encoding.UTF8.GetBytes($"a layer for {Guid.NewGuid():N}\n");
        return (Repository(), content, OciDigest.Of(content));
    }

    internal static Func<CancellationToken, Task<Stream>> Open(byte[] content) => _ => Task.FromResult<Stream>(new MemoryStream(content, writable: false));
}
