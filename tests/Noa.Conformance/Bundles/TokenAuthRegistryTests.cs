using System.Net;
using Microsoft.Extensions.Time.Testing;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// The distribution token flow against a real registry and a token service: tokens are asked per scope and kept until
/// they expire; a static token works where it is valid; wrong or missing credentials are refusals naming the token service
/// or the registry and the status, never the secret, and push nothing.
/// </summary>
public sealed class TokenAuthRegistryTests(TokenAuthRegistryFixture fixture) : IClassFixture<TokenAuthRegistryFixture>
{
    [Fact]
    public async Task Push_ManyRequestsOfOneRepository_AskOneTokenPerScopeUntilItExpires()
    {
        Require();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = fixture.Create(fixture.Authenticate, time: time);
        var (repository, content, digest) = BasicAuthRegistryTests.Blob();
        var before = fixture.Asked.Count;

        await store.PushBlobAsync(repository, digest, content.Length, BasicAuthRegistryTests.Open(content));
        for (var i = 0; i < 3; i++)
            Assert.True(await store.BlobExistsAsync(repository, digest));
        var asked = fixture.Asked.Skip(before).ToArray();

        // HEAD (pull) is challenged once; the upload then takes a pull,push token before it is sent; nothing more.
        Assert.Equal([$"repository:{repository}:pull", $"repository:{repository}:pull,push"], asked);

        time.Advance(TokenAuthRegistryFixture.Lifetime);
        Assert.True(await store.BlobExistsAsync(repository, digest));
        Assert.Equal($"repository:{repository}:pull", fixture.Asked.Last());
        Assert.Equal(asked.Length + 1, fixture.Asked.Count - before);
    }

    [Fact]
    public async Task PushBlob_WrongPassword_TokenServiceRefusalIsNamedAndNothingIsPushed()
    {
        Require();
        const string wrong = "not-the-password-3";
        var store = fixture.Create(s => (s.Username, s.PasswordFile) = (AuthRegistryFixture.User, fixture.WriteSecret("wrong", wrong)));
        var (repository, content, digest) = BasicAuthRegistryTests.Blob();

        var error = await Assert.ThrowsAsync<BundleRegistryException>(() => store.PushBlobAsync(repository, digest, content.Length, BasicAuthRegistryTests.Open(content)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.False(error.Transient);
        Assert.Contains(fixture.Authority, error.Message);
        Assert.Contains("token service", error.Message);
        Assert.Contains("401", error.Message);
        Assert.DoesNotContain(wrong, error.Message);
        Assert.False(await fixture.Create().BlobExistsAsync(repository, digest));
    }

    [Fact]
    public async Task BlobExists_NoCredentials_AnonymousTokenRefusedWith401()
    {
        Require();
        var store = fixture.Create(_ => { });

        var error = await Assert.ThrowsAsync<BundleRegistryException>(() => store.BlobExistsAsync(BasicAuthRegistryTests.Repository(), OciDigest.Of("x"u8)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("no credentials are configured", error.Message);
    }

    [Fact]
    public async Task PushBlob_StaticToken_WorksForItsScopeOnly()
    {
        Require();
        var (repository, content, digest) = BasicAuthRegistryTests.Blob();
        var token = fixture.WriteSecret("token", fixture.Mint([$"repository:{repository}:pull,push"], TimeSpan.FromMinutes(5)));
        var store = fixture.Create(s => s.TokenFile = token);

        await store.PushBlobAsync(repository, digest, content.Length, BasicAuthRegistryTests.Open(content));

        Assert.True(await fixture.Create().BlobExistsAsync(repository, digest));
        // The control: the same token for another repository is refused by the registry itself.
        var error = await Assert.ThrowsAsync<BundleRegistryException>(() => store.BlobExistsAsync(BasicAuthRegistryTests.Repository(), digest));
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("refused a bearer token", error.Message);
    }

    private void Require()
    {
        if (fixture.Unavailable is { } why)
            Requirement.Unmet($"{nameof(TokenAuthRegistryFixture)}: {why}");
    }
}
