namespace Noa.Stages.Classifier.Tests;

public sealed class FileReadingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("noa-classifier-").FullName;

    [Fact]
    public async Task Classify_Utf16WithBom_IsTextNotBinary()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(System.Text.Encoding.Unicode.GetBytes("#include <windows.h>\nint x;\n")).ToArray();
        var input = new ClassifierInput("res.c", bytes.Length, _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes)));
        var result = await new SourceClassifier().ClassifyAsync([input]);
        var file = Assert.Single(result.FileList.Files);
        Assert.Equal(("classified", "C"), (file.Category, file.Language));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // The artifact store opens content with useAsync and an 80 KiB buffer: heads and the longer read
    // a heuristic asks for must come out the same as from a plain file.
    [Theory]
    [InlineData(true, 81920)]
    [InlineData(false, 1)]
    public async Task Classify_FileStreams_ReadHeadThenMore(bool useAsync, int bufferSize)
    {
        var header = "/*\n" + string.Concat(Enumerable.Repeat(" * licence header line that goes on and on\n", 400)) + " */\n";
        var path = Path.Combine(_root, "big.h");
        await File.WriteAllTextAsync(path, header + "#include <vector>\nstd::vector<int> v;\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "run"), "#!/usr/bin/env -S python3 -u\nprint(1)\n");
        var inputs = new[] { "big.h", "run" }.Select(name =>
        {
            var full = Path.Combine(_root, name);
            return new ClassifierInput(name, new FileInfo(full).Length, _ => ValueTask.FromResult<Stream>(
                new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, useAsync)));
        }).ToArray();

        var result = await new SourceClassifier().ClassifyAsync(inputs);

        var files = result.FileList.Files.ToDictionary(f => f.Path);
        Assert.True(header.Length > 8000);
        Assert.Equal("C++", files["big.h"].Language);
        Assert.Equal("Python", files["run"].Language);
    }
}
