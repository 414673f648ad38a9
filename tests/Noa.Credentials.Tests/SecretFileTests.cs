using Noa.Credentials;

namespace Noa.Credentials.Tests;

public sealed class SecretFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("noa-secret-").FullName;

    [Fact]
    public void Read_FileWithTrailingNewline_ReturnsTheSecretWithoutIt()
    {
        var path = Write("a", "hunter2 \r\n");

        Assert.Equal("hunter2 ", new SecretFile(path, "X:PasswordFile").Read());
    }

    [Fact]
    public void Read_AfterTheFileIsRewritten_ReturnsTheNewSecret()
    {
        var path = Write("a", "first\n");
        var secret = new SecretFile(path, "X:PasswordFile");
        Assert.Equal("first", secret.Read());

        File.WriteAllText(path, "second-and-longer\n");

        Assert.Equal("second-and-longer", secret.Read());
    }

    [Fact]
    public void Read_AfterTheLinkIsSwappedAsKubernetesRotates_ReturnsTheNewSecret()
    {
        // A secret volume: the file is a link through ..data to a timestamped folder; rotation swaps ..data atomically.
        Directory.CreateDirectory(Path.Combine(_folder, "v1"));
        Directory.CreateDirectory(Path.Combine(_folder, "v2"));
        File.WriteAllText(Path.Combine(_folder, "v1", "password"), "old-old");
        File.WriteAllText(Path.Combine(_folder, "v2", "password"), "new-new");
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "v2", "password"), File.GetLastWriteTimeUtc(Path.Combine(_folder, "v1", "password")));
        Directory.CreateSymbolicLink(Path.Combine(_folder, "..data"), "v1");
        var path = Path.Combine(_folder, "password");
        File.CreateSymbolicLink(path, "..data/password");
        var secret = new SecretFile(path, "X:PasswordFile");
        Assert.Equal("old-old", secret.Read());

        // (The kubelet renames a new link over the old one; removing and relinking gives the reader the same view.)
        File.Delete(Path.Combine(_folder, "..data"));
        Directory.CreateSymbolicLink(Path.Combine(_folder, "..data"), "v2");

        Assert.Equal("new-new", secret.Read());
    }

    [Fact]
    public void Read_MissingFile_NamesTheSettingAndPath()
    {
        var path = Path.Combine(_folder, "absent");

        var error = Assert.Throws<SecretFileException>(() => new SecretFile(path, "Noa:Bus:Redis:PasswordFile").Read());

        Assert.Contains("Noa:Bus:Redis:PasswordFile", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Read_FileRemovedAfterARead_FailsInsteadOfKeepingTheOldSecret()
    {
        var path = Write("a", "first\n");
        var secret = new SecretFile(path, "X:PasswordFile");
        secret.Read();

        File.Delete(path);

        Assert.Throws<SecretFileException>(secret.Read);
    }

    [Fact]
    public void Read_EmptyFile_IsAnError()
    {
        var path = Write("a", "\n");

        var error = Assert.Throws<SecretFileException>(() => new SecretFile(path, "X:PasswordFile").Read());

        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void Read_Folder_IsAnErrorWithoutTheContent()
    {
        var error = Assert.Throws<SecretFileException>(() => new SecretFile(_folder, "X:PasswordFile").Read());

        Assert.Contains("X:PasswordFile", error.Message);
    }

    [Fact]
    public void RefuseInline_Present_NamesWhereAndTheFileSettingButNotTheValue()
    {
        var error = Assert.Throws<SecretFileException>(() => SecretFile.RefuseInline(true, "The Redis connection string", "PasswordFile"));

        Assert.Contains("The Redis connection string", error.Message);
        Assert.Contains("PasswordFile", error.Message);
        SecretFile.RefuseInline(false, "x", "y");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void From_NoPath_IsNull(string? path) => Assert.Null(SecretFile.From(path, "X"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
