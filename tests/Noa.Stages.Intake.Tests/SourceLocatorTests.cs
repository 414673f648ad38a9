namespace Noa.Stages.Intake.Tests;

public sealed class SourceLocatorTests
{
    [Theory]
    [InlineData("git@github.com:org/repo.git", "ssh", "github.com")]
    [InlineData("https://github.com/org/repo", "https", "github.com")]
    [InlineData("git://example.com/repo", "git", "example.com")]
    [InlineData("ssh://git@example.com:2222/repo.git", "ssh", "example.com")]
    public void Parse_RemoteLocator_GivesSchemeAndHost(string source, string scheme, string host)
    {
        var locator = SourceLocator.Parse(source);

        Assert.False(locator.Failed, locator.Error);
        Assert.True(locator.Value!.IsRemote);
        Assert.Equal(scheme, locator.Value.Url!.Scheme);
        Assert.Equal(host, locator.Value.Url.Host);
    }

    [Theory]
    [InlineData("/srv/src", "/srv/src")]
    [InlineData("file:///srv/src", "/srv/src")]
    [InlineData("file://localhost/srv/src", "/srv/src")]
    public void Parse_LocalLocator_GivesFullPath(string source, string path)
    {
        var locator = SourceLocator.Parse(source);

        Assert.False(locator.Value!.IsRemote);
        Assert.Equal(path, locator.Value.LocalPath);
    }

    [Theory]
    [InlineData("file://otherhost/etc/passwd", "remote host")]
    [InlineData("data:text/plain,hi", "'data'")]
    [InlineData("fd::17", "'fd'")]
    [InlineData("https:///nohost", "not a valid URL")]
    [InlineData("-oProxyCommand=evil", "not a path or URL")]
    public void Parse_UnusableLocator_IsRefused(string source, string message)
    {
        var locator = SourceLocator.Parse(source);

        Assert.True(locator.Failed);
        Assert.Contains(message, locator.Error, StringComparison.Ordinal);
    }
}
