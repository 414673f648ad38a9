using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Testing;
using Noa.Stages.Classifier;

namespace Noa.Stages.Graph.Tests;

/// <summary>Runs the Classifier and then the Graph stage on a source tree, as the digest run does, sharing one
/// in-memory artifact set, so the graph stage reads the real profile.json and files.json.</summary>
internal static class StageHarness
{
    public static async Task<MemoryArtifacts> DigestAsync(ISourceTree tree, bool classify = true)
    {
        var artifacts = new MemoryArtifacts();
        if (classify)
        {
            var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
            var classified = await classifier.ExecuteAsync(Context(tree, artifacts), CancellationToken.None);
            Assert.Equal(StageStatus.Succeeded, classified.Status);
        }
        // No cache: a second run must parse again, so its counts (and bytes) are those of the first.
        var stage = new GraphStage(Options.Create(new GraphOptions { MaxDegreeOfParallelism = 2 }), NullLogger<GraphStage>.Instance);
        var outcome = await stage.ExecuteAsync(Context(tree, artifacts), CancellationToken.None);
        Assert.True(outcome.Status == StageStatus.Succeeded, outcome.Failure?.Message);
        return artifacts;
    }

    public static StageContext Context(ISourceTree? tree, IRunArtifacts artifacts) => new()
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
}
