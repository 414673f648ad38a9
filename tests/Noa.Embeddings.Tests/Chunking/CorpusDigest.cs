using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Embeddings.Chunking;
using Noa.Stages.Classifier;
using Noa.Stages.Graph;

namespace Noa.Embeddings.Tests.Chunking;

/// <summary>
/// Runs the real Classifier and Graph stages on a corpus folder (scripts/corpora.sh fills <c>.cache/corpora/</c>)
/// and chunks the kg.json they write. Null when the corpora are absent; under CI=true that is a failure.
/// </summary>
public sealed class CorpusDigest
{
    public const string Folder = "python/dist-packages/flask";

    private readonly Lazy<Task<(string Root, byte[] KgJson, ChunkResult Chunks)?>> _digest = new(DigestAsync);

    public Task<(string Root, byte[] KgJson, ChunkResult Chunks)?> GetAsync() => _digest.Value;

    private static async Task<(string, byte[], ChunkResult)?> DigestAsync()
    {
        if (CorporaRoot() is not { } corpora)
        {
            Requirement.Unmet(".cache/corpora is missing: run scripts/corpora.sh before the tests (CI=true needs the real corpora).");
            return null;
        }
        var root = Path.Combine(corpora, Folder);
        var tree = new DirectorySourceTree(root);
        var artifacts = new MemoryArtifacts();
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts), CancellationToken.None)).Status);
        var graph = new GraphStage(Options.Create(new GraphOptions { MaxDegreeOfParallelism = 2 }), NullLogger<GraphStage>.Instance);
        var outcome = await graph.ExecuteAsync(Context(tree, artifacts), CancellationToken.None);
        Assert.True(outcome.Status == StageStatus.Succeeded, outcome.Failure?.Message);
        var kg = artifacts.Files["kg.json"];
        var chunks = await Chunker.FromGraphAsync(new MemoryStream(kg), p => ReadOrNull(Path.Combine(root, p)));
        return (root, kg, chunks);
    }

    private static string? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static StageContext Context(ISourceTree tree, IRunArtifacts artifacts) => new()
    {
        RunId = "run-1",
        Request = new DigestRequest { Source = "." },
        Attempt = 1,
        Workspace = Path.GetTempPath(),
        Artifacts = artifacts,
        Source = tree,
        Progress = new Progress<StageProgress>(),
        Time = TimeProvider.System,
    };

    private static string? CorporaRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var corpora = Path.Combine(dir.FullName, ".cache", "corpora");
                return Directory.Exists(corpora) && Directory.EnumerateDirectories(corpora).Any() ? corpora : null;
            }
        }
        return null;
    }
}
