using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Embeddings.Models;
using Noa.Embeddings.Search;
using Noa.Stages.Classifier;
using Noa.Stages.Graph;
using Noa.Storage.Sqlite;
using Noa.Vectors.Embedded;

namespace Noa.Stages.Embeddings.Tests;

/// <summary>
/// The real Classifier, Graph and Embeddings stages over a folder, with a real embedded vector store, a real SQLite
/// audit log and the real MiniLM model (loaded once for the test class).
/// </summary>
public sealed class Pipeline : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("noa-emb-").FullName;

    public Pipeline()
    {
        Store = EmbeddedVectorStore.Open(Path.Combine(_home, "vectors"));
        Audit = new SqliteMetadataStore(Options.Create(new SqliteSettings { ConnectionString = $"Data Source={Path.Combine(_home, "noa.db")}" }),
            NullLogger<SqliteMetadataStore>.Instance);
        Search = new ChunkSearch(Store, Models, Cache);
    }

    public EmbeddingOptions Models { get; } = new();

    public EmbeddingModelCache Cache { get; } = new();

    public EmbeddedVectorStore Store { get; }

    public SqliteMetadataStore Audit { get; }

    public ChunkSearch Search { get; }

    /// <summary>A new folder to digest, under the test's temp home.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_home, "src-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Runs classifier, graph and embeddings on the folder; returns the embeddings outcome and the artifacts.</summary>
    public async Task<(StageOutcome Outcome, MemoryArtifacts Artifacts, List<StageProgress> Progress)> DigestAsync(
        string folder, string runId, EmbeddingsStageOptions? options = null)
    {
        var tree = new DirectorySourceTree(folder);
        var artifacts = new MemoryArtifacts();
        var progress = new List<StageProgress>();
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts, runId, folder, progress), default)).Status);
        var graph = new GraphStage(Options.Create(new GraphOptions { MaxDegreeOfParallelism = 2 }), NullLogger<GraphStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await graph.ExecuteAsync(Context(tree, artifacts, runId, folder, progress), default)).Status);
        var stage = new EmbeddingsStage(Options.Create(options ?? new EmbeddingsStageOptions()), Models, Cache, Store, Audit, NullLogger<EmbeddingsStage>.Instance);
        progress.Clear();
        var outcome = await stage.ExecuteAsync(Context(tree, artifacts, runId, folder, progress), default);
        return (outcome, artifacts, progress);
    }

    private StageContext Context(ISourceTree tree, IRunArtifacts artifacts, string runId, string folder, List<StageProgress> progress) => new()
    {
        RunId = runId,
        Request = new DigestRequest { Source = folder },
        Attempt = 1,
        Workspace = Path.Combine(_home, "work", runId),
        Artifacts = artifacts,
        Source = tree,
        Progress = new SyncProgress(progress),
        Time = TimeProvider.System,
    };

    /// <summary>The real corpora (scripts/corpora.sh); null when absent, a failure under CI=true.</summary>
    public static string? Corpus(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var path = Path.Combine(dir.FullName, ".cache", "corpora", relative);
                if (File.Exists(path) || Directory.Exists(path))
                    return path;
                break;
            }
        Requirement.Unmet($".cache/corpora/{relative} is missing: run scripts/corpora.sh (CI=true needs the corpora).");
        return null;
    }

    public void Dispose()
    {
        Cache.Dispose();
        Store.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private sealed class SyncProgress(List<StageProgress> reports) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
