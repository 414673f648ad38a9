namespace Noa.Credentials.Tests;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("https://ghp_token@github.com/org/repo.git", "https://***@github.com/org/repo.git")]
    [InlineData("https://user:pass@example.com/a", "https://***@example.com/a")]
    [InlineData("ssh://git:pass@example.com/r.git", "ssh://git:***@example.com/r.git")]
    [InlineData("ssh://git@example.com/r.git", "ssh://git@example.com/r.git")]
    [InlineData("https://s3.example.com/b/o?X-Amz-Signature=abc&versionId=3", "https://s3.example.com/b/o?X-Amz-Signature=***&versionId=3")]
    [InlineData("https://example.com/spec.yaml", "https://example.com/spec.yaml")]
    public void Redact_Url_RemovesCredentials(string url, string expected) =>
        Assert.Equal(expected, UrlRedactor.Redact(new Uri(url)));

    [Fact]
    public void RedactText_GitError_RemovesTokenFromEmbeddedUrl() =>
        Assert.Equal("fatal: unable to access 'https://***@example.com/r.git/': 403",
            UrlRedactor.RedactText("fatal: unable to access 'https://tok3n@example.com/r.git/': 403"));
}
