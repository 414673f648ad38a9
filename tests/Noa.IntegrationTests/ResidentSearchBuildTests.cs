using Noa.Cli.Search;

namespace Noa.IntegrationTests;

/// <summary>
/// The build identity the resident search process and the CLI compare (<see cref="ResidentSearchProtocol.Build(string)"/>):
/// the id the build writes beside noa when there is one (one read instead of a stat of every assembly), else the newest
/// assembly; the prepared model's time in both cases.
/// </summary>
public sealed class ResidentSearchBuildTests : IDisposable
{
    private readonly TempDir _temp = new("noa-build-id");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Build_FollowsTheBuildIdFileAndTheModel_NotTheAssembliesBesideIt()
    {
        var folder = _temp.Path;
        var assembly = _temp.Write("Some.Assembly.dll", "x");
        var model = _temp.Write("models/model.onnx", "m");

        // The control: without the file, a newer assembly is a new build.
        var scanned = ResidentSearchProtocol.Build(folder);
        File.SetLastWriteTimeUtc(assembly, DateTime.UtcNow.AddMinutes(1));
        Assert.NotEqual(scanned, ResidentSearchProtocol.Build(folder));

        _temp.Write(ResidentSearchProtocol.BuildIdFile, "1111\n");
        var first = ResidentSearchProtocol.Build(folder);
        Assert.Contains("@1111@", first);
        File.SetLastWriteTimeUtc(assembly, DateTime.UtcNow.AddMinutes(2)); // the file says which build this is
        Assert.Equal(first, ResidentSearchProtocol.Build(folder));

        _temp.Write(ResidentSearchProtocol.BuildIdFile, "2222\n"); // a rebuild
        Assert.NotEqual(first, ResidentSearchProtocol.Build(folder));
        var second = ResidentSearchProtocol.Build(folder);
        File.SetLastWriteTimeUtc(model, DateTime.UtcNow.AddMinutes(3)); // the model prepared again after the build
        Assert.NotEqual(second, ResidentSearchProtocol.Build(folder));
    }

    [Fact]
    public void BuildIdFile_WrittenByTheBuildBesideNoa()
    {
        // The tests run the noa built beside them; the build that made it wrote its id there too (Noa.Cli.csproj).
        var cli = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Noa.Cli", "bin");
        var written = Directory.EnumerateFiles(Path.GetFullPath(cli), ResidentSearchProtocol.BuildIdFile, SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(written);
        Assert.All(written, f => Assert.Matches("^[0-9a-f]{32}$", File.ReadAllText(f).Trim()));
    }
}
