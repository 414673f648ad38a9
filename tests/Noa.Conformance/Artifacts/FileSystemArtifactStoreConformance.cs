
namespace Noa.Conformance;

/// <summary>The artifact store conformance suite against the folder store, plus what only a folder can show.</summary>
public sealed class FileSystemArtifactStoreConformance(FileSystemArtifactFixture fixture, ITestOutputHelper output)
    : ArtifactStoreConformance<FileSystemArtifactFixture>(fixture, output)
{
    [Fact]
    public async Task Put_Content_StoresAReadOnlyFileUnderItsAddressAndNoTemporaryFiles()
    {
        var store = await Fixture.CreateAsync();

        var stored = await store.PutAsync(new MemoryStream("immutable"u8.ToArray()));

        var file = Path.Combine(Fixture.LastRoot, "objects", stored.Sha256[..2], stored.Sha256[2..]);
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Fixture.LastRoot, "tmp")));
    }
}
