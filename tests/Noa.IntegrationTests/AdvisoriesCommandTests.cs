namespace Noa.IntegrationTests;

/// <summary><c>noa advisories import</c> fills the offline store the Safety stage matches against.</summary>
public sealed class AdvisoriesCommandTests : IDisposable
{
    private readonly TempDir _temp = new("noa-advisories");

    [Fact]
    public async Task Import_RealOsvAdvisories_IntoNoaHome_ThenAgainUnchanged()
    {
        var home = _temp.Combine("home");
        var osv = Path.Combine(AppContext.BaseDirectory, "osv");

        var first = await NoaProcess.RunAsync(home, "advisories", "import", osv);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("6 stored", first.Stdout);
        Assert.True(File.Exists(Path.Combine(home, "advisories.db")));

        var again = await NoaProcess.RunAsync(home, "advisories", "import", osv);
        Assert.Contains("0 stored, 6 unchanged", again.Stdout);

        var missing = await NoaProcess.RunAsync(home, "advisories", "import", _temp.Combine("nope.zip"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file or folder", missing.Stderr);
    }

    public void Dispose() => _temp.Dispose();
}
