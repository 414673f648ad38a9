using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Classifier.Tests;

public sealed class ClassifierStageTests
{
    [Fact]
    public async Task ExecuteAsync_Snapshot_WritesProfileAndFileList()
    {
        var tree = new MemorySourceTree(("main.go", "package main\n"), ("LICENSE", TestTexts.Mit), ("go.mod", "module x\n"));
        var artifacts = new MemoryArtifacts();
        var progress = new List<StageProgress>();
        var stage = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);

        var outcome = await stage.ExecuteAsync(Context(tree, artifacts, new SyncProgress(progress)), CancellationToken.None);

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Equal("application/json", artifacts.MediaTypes["profile.json"]);
        // Read back through the contracts every consuming stage uses.
        var profile = await Profile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(artifacts.Files["profile.json"])));
        Assert.Equal(Profile.CurrentVersion, profile.Version);
        Assert.Equal("Go", profile.Languages[0].Name);
        Assert.Equal("MIT", profile.Licenses.Primary);
        var files = await FileList.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(artifacts.Files["files.json"])));
        Assert.Equal(3, files.Files.Count);
        Assert.Equal(FileScopes.Product, files.Files.Single(f => f.Path == "main.go").Scope);
        Assert.Equal(FileScopes.Documentation, files.Files.Single(f => f.Path == "LICENSE").Scope);
        Assert.Equal(new StageProgress(3, 3, "files"), progress[^1]);
    }

    [Fact]
    public async Task ExecuteAsync_NoSnapshot_FailsAsBadInput()
    {
        var stage = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        var outcome = await stage.ExecuteAsync(Context(null, new MemoryArtifacts(), new Progress<StageProgress>()), CancellationToken.None);
        Assert.Equal(StageStatus.Failed, outcome.Status);
        Assert.Equal(StageFailure.BadInput, outcome.Failure?.ErrorType);
    }

    [Fact]
    public void Stage_Declaration_DependsOnIntake()
    {
        var stage = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal("classifier", stage.Name);
        Assert.Equal([new StageDependency("intake")], stage.Dependencies);
    }

    [Fact]
    public void AddClassifier_Twice_RegistersOneStageWithBoundOptions()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Noa:Classifier:MaxBytesPerFile"] = "131072" }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging();
        services.AddClassifier().AddClassifier();
        using var provider = services.BuildServiceProvider();
        Assert.IsType<ClassifierStage>(Assert.Single(provider.GetServices<IStage>()));
        Assert.Equal(131072, provider.GetRequiredService<IOptions<ClassifierOptions>>().Value.MaxBytesPerFile);
    }

    [Fact]
    public void AddClassifier_InvalidOptions_ReportsEveryError()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddLogging();
        services.AddClassifier(o => { o.MaxBytesPerFile = 10; o.MaxDegreeOfParallelism = -1; });
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClassifierOptions>>().Value);
        Assert.Equal(2, error.Failures.Count());
    }

    private static StageContext Context(ISourceTree? tree, IRunArtifacts artifacts, IProgress<StageProgress> progress) => new()
    {
        RunId = "run-1",
        Request = new DigestRequest { Source = "." },
        Attempt = 1,
        Workspace = Path.GetTempPath(),
        Artifacts = artifacts,
        Source = tree,
        Progress = progress,
        Time = TimeProvider.System,
    };

    private sealed class SyncProgress(List<StageProgress> sink) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }

    private sealed class MemorySourceTree : ISourceTree
    {
        private readonly Dictionary<string, byte[]> _content;

        public MemorySourceTree(params (string Path, string Content)[] files)
        {
            _content = files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Content));
            Files = SourceManifest.Create(files.Select(f => new SourceFile(f.Path, new string('0', 64), _content[f.Path].Length))).Files;
        }

        public string TreeHash => "sha256:test";

        public IReadOnlyList<SourceFile> Files { get; }

        public Task<Stream> OpenReadAsync(SourceFile file, CancellationToken cancellationToken = default) =>
            Task.FromResult<Stream>(new MemoryStream(_content[file.Path], writable: false));

        public Task<string> GetLocalRootAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class MemoryArtifacts : IRunArtifacts
    {
        public Dictionary<string, string> Files { get; } = [];

        public Dictionary<string, string> MediaTypes { get; } = [];

        public async Task<ArtifactRef> WriteAsync(string path, Stream content, string mediaType, CancellationToken cancellationToken = default)
        {
            using var reader = new StreamReader(content);
            Files[path] = await reader.ReadToEndAsync(cancellationToken);
            MediaTypes[path] = mediaType;
            return new ArtifactRef(new string('0', 64), Files[path].Length);
        }

        public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(null);

        public Task<ArtifactRef> PutBlobAsync(Stream content, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
