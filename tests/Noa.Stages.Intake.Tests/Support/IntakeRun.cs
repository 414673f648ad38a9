using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Noa.Abstractions;

namespace Noa.Stages.Intake.Tests.Support;

/// <summary>Runs the stage once on a request, in a fresh workspace, with in-memory artifacts.</summary>
internal sealed class IntakeRun : IDisposable
{
    private IntakeRun(StageOutcome outcome, MemoryRunArtifacts artifacts, List<StageProgress> progress, string workspace)
    {
        Outcome = outcome;
        Artifacts = artifacts;
        Progress = progress;
        Workspace = workspace;
    }

    public StageOutcome Outcome { get; }

    public MemoryRunArtifacts Artifacts { get; }

    public List<StageProgress> Progress { get; }

    public string Workspace { get; }

    public string? Error => Outcome.Failure?.Message;

    public static async Task<IntakeRun> ExecuteAsync(DigestRequest request, IntakeOptions? options = null, string? workspace = null)
    {
        var artifacts = new MemoryRunArtifacts();
        var progress = new List<StageProgress>();
        var stage = new IntakeStage(Options.Create(options ?? new IntakeOptions()), NullLogger<IntakeStage>.Instance);
        var folder = workspace ?? Directory.CreateTempSubdirectory("noa-intake-ws-").FullName;
        var context = new StageContext
        {
            RunId = "run-1",
            Request = request,
            Attempt = 1,
            Workspace = Path.Combine(folder, "intake"),
            Artifacts = artifacts,
            Progress = new SynchronousProgress(progress),
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        };
        var outcome = await stage.ExecuteAsync(context, CancellationToken.None);
        return new IntakeRun(outcome, artifacts, progress, context.Workspace);
    }

    public static Task<IntakeRun> ExecuteAsync(string source, IntakeOptions? options = null, SourceKind? kind = null) =>
        ExecuteAsync(new DigestRequest { Source = source, Kind = kind, RequestedBy = "tester" }, options);

    public SourceManifest Snapshot => Read<SourceManifest>(SourceManifest.BundlePath);

    public JsonElement Provenance => Read<JsonElement>("provenance.json");

    public IReadOnlyList<string> Paths => Snapshot.Files.Select(f => f.Path).ToArray();

    public string Text(string path)
    {
        var file = Snapshot.Files.Single(f => f.Path == path);
        return System.Text.Encoding.UTF8.GetString(Artifacts.Blobs[file.Sha256]);
    }

    public T Read<T>(string path)
    {
        Assert.True(Artifacts.Paths.TryGetValue(path, out var entry), $"no artifact {path}; outcome: {Outcome}");
        Assert.Equal("application/json", entry.MediaType);
        return JsonSerializer.Deserialize<T>(Artifacts.Blobs[entry.Sha256], JsonSerializerOptions.Web)!;
    }

    public void AssertSucceeded() => Assert.True(Outcome.Status == StageStatus.Succeeded, $"expected success, got {Outcome}");

    /// <summary>Asserts a bad-input outcome whose message contains every fragment, and that nothing was stored.</summary>
    public void AssertRefused(params string[] fragments)
    {
        Assert.Equal(StageStatus.Failed, Outcome.Status);
        Assert.Equal(StageFailure.BadInput, Outcome.Failure!.ErrorType);
        Assert.True(Outcome.Failure.NonRetryable);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, Outcome.Failure.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Empty(Artifacts.Blobs);
        Assert.Empty(Artifacts.Paths);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Workspace)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class SynchronousProgress(List<StageProgress> sink) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => sink.Add(value);
    }
}
