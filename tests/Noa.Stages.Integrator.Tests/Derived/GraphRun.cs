using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Stages.Classifier;
using Noa.Stages.Graph;

namespace Noa.Stages.Integrator.Tests.Derived;

/// <summary>Runs the real Classifier, Graph and Integrator stages on a source tree, sharing one artifact set as a digest run does.</summary>
internal static class GraphRun
{
    public static async Task<(StageOutcome Outcome, MemoryArtifacts Artifacts)> DigestAsync(ISourceTree tree, string source = "app", MemoryArtifacts? artifacts = null)
    {
        artifacts ??= new MemoryArtifacts();
        var classified = await new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance)
            .ExecuteAsync(Context(tree, artifacts, source), CancellationToken.None);
        Assert.Equal(StageStatus.Succeeded, classified.Status);
        var graphed = await new GraphStage(Options.Create(new GraphOptions { MaxDegreeOfParallelism = 1 }), NullLogger<GraphStage>.Instance)
            .ExecuteAsync(Context(tree, artifacts, source), CancellationToken.None);
        Assert.True(graphed.Status == StageStatus.Succeeded, graphed.Failure?.Message);
        var outcome = await new IntegratorStage(Options.Create(new IntegratorOptions()), NullLogger<IntegratorStage>.Instance)
            .ExecuteAsync(Context(tree, artifacts, source), CancellationToken.None);
        return (outcome, artifacts);
    }

    public static StageContext Context(ISourceTree? tree, IRunArtifacts artifacts, string source, string runId = "run-1") => new()
    {
        RunId = runId,
        Request = new DigestRequest { Source = source },
        Attempt = 1,
        Workspace = Path.GetTempPath(),
        Artifacts = artifacts,
        Source = tree,
        Progress = new Progress<StageProgress>(),
        Time = TimeProvider.System,
    };

    /// <summary>A folder of .cache/corpora, or the test ends as unmet.</summary>
    public static string Corpus(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var path = Path.Combine(dir.FullName, ".cache", "corpora", relative);
                if (Directory.Exists(path))
                    return path;
                break;
            }
        Requirement.Unmet($".cache/corpora/{relative} is missing: run scripts/corpora.sh endpoints");
        return "";
    }
}
