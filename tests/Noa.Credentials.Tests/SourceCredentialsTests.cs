using Microsoft.Extensions.Options;

namespace Noa.Credentials.Tests;

public sealed class SourceCredentialsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("noa-source-").FullName;
    private readonly CredentialSealer _sealer;

    public SourceCredentialsTests() =>
        _sealer = new CredentialSealer(Options.Create(new CredentialOptions { DefaultKeyFile = Path.Combine(_folder, "credentials.key") }));

    [Theory]
    [InlineData("https://ghp_abc123@github.com/org/repo.git", "https://***@github.com/org/repo.git")]
    [InlineData("https://user:tok3n@example.org/r.git", "https://***@example.org/r.git")]
    [InlineData("http://user:tok3n@10.0.0.1:8080/r.git", "http://***@10.0.0.1:8080/r.git")]
    [InlineData("ssh://git:tok3n@example.org/r.git", "ssh://git:***@example.org/r.git")]
    [InlineData("https://example.org/a.tgz?token=tok3n&x=1", "https://example.org/a.tgz?token=***&x=1")]
    [InlineData("https://user:tok%20en@example.org/r.git", "https://***@example.org/r.git")]
    public void Separate_LocatorWithCredentials_ShowsItRedactedAndSealsTheOriginal(string source, string shown)
    {
        var (actualShown, sealedSource) = SourceCredentials.Separate(source, _sealer);

        Assert.Equal(shown, actualShown);
        Assert.NotNull(sealedSource);
        Assert.DoesNotContain("tok3n", sealedSource, StringComparison.Ordinal);
        Assert.Equal(source, _sealer.Open(sealedSource));
    }

    [Theory]
    [InlineData("https://github.com/org/repo.git")]
    [InlineData("ssh://git@github.com/org/repo.git")]
    [InlineData("git@github.com:org/repo.git")]
    [InlineData("/home/ana/src")]
    [InlineData("https://example.org/spec.yaml?version=3")]
    public void Separate_LocatorWithoutCredentials_IsUnchangedAndNothingIsSealed(string source)
    {
        Assert.Equal((source, (string?)null), SourceCredentials.Separate(source, _sealer));
        Assert.False(File.Exists(Path.Combine(_folder, "credentials.key")));
    }

    [Fact]
    public void Separate_UnparsableUrlWithAnAt_ShowsNothingAfterTheScheme()
    {
        var (shown, sealedSource) = SourceCredentials.Separate("https://us er:tok3n@exa mple.org/r", _sealer);

        Assert.Equal("https://***", shown);
        Assert.NotNull(sealedSource);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
