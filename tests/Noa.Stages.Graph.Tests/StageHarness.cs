using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
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

/// <summary>Run artifacts held in memory, readable by later stages.</summary>
internal sealed class MemoryArtifacts : IRunArtifacts
{
    public Dictionary<string, byte[]> Files { get; } = [];

    public Dictionary<string, string> MediaTypes { get; } = [];

    public string Text(string path) => Encoding.UTF8.GetString(Files[path]);

    public async Task<ArtifactRef> WriteAsync(string path, Stream content, string mediaType, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        Files[path] = buffer.ToArray();
        MediaTypes[path] = mediaType;
        return new ArtifactRef(new string('0', 64), Files[path].Length);
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(Files.TryGetValue(path, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

    public Task<ArtifactRef> PutBlobAsync(Stream content, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
