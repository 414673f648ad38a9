using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Abstractions.Env;
using Noa.Stages.Classifier;
using Noa.Stages.Env.Verify;
using Noa.Stages.Graph;

namespace Noa.Stages.Env.Tests;

/// <summary>Runs the real Classifier, Graph and Env stages on a source tree, as a digest run does, over one in-memory artifact set.</summary>
internal static class EnvHarness
{
    public static async Task<(StageOutcome Outcome, MemoryArtifacts Artifacts, EnvPlan Plan)> RunAsync(ISourceTree tree, IServiceProvider? services = null,
        EnvOptions? options = null, string? workspace = null)
    {
        var artifacts = new MemoryArtifacts();
        var context = Context(tree, artifacts, workspace);
        var classified = await new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance).ExecuteAsync(context, CancellationToken.None);
        Assert.True(classified.Status == StageStatus.Succeeded, classified.Failure?.Message);
        var graphed = await new GraphStage(Options.Create(new GraphOptions { MaxDegreeOfParallelism = 2 }), NullLogger<GraphStage>.Instance).ExecuteAsync(context, CancellationToken.None);
        Assert.True(graphed.Status == StageStatus.Succeeded, graphed.Failure?.Message);
        // Plans do not depend on this host's registries unless a test says so: PyPI and Debian's apt, as a connected host has.
        var o = Options.Create(options ?? new EnvOptions { Verify = services is not null, Registries = ConnectedHost });
        var stage = new EnvStage(o, new ImageVerifier(services ?? new ServiceCollection().BuildServiceProvider(), o), NullLogger<EnvStage>.Instance);
        var outcome = await stage.ExecuteAsync(context, CancellationToken.None);
        var plan = artifacts.Files.ContainsKey(EnvPlan.BundlePath) ? await EnvPlan.ReadAsync(new MemoryStream(artifacts.Files[EnvPlan.BundlePath])) : null!;
        return (outcome, artifacts, plan);
    }

    public static readonly IReadOnlyList<PackageRegistry> ConnectedHost =
        [new("pip", new Uri("https://pypi.org/simple"), "pip's default"), new("apt", new Uri("http://deb.debian.org/debian"), "apt's sources")];

    public static StageContext Context(ISourceTree tree, IRunArtifacts artifacts, string? workspace = null) => new()
    {
        RunId = "run-env-" + Guid.NewGuid().ToString("N")[..8],
        Request = new DigestRequest { Source = "." },
        Attempt = 1,
        Workspace = workspace ?? Path.Combine(Path.GetTempPath(), "noa-env-tests"),
        Artifacts = artifacts,
        Source = tree,
        Progress = new Progress<StageProgress>(),
        Time = TimeProvider.System,
    };

    public static JsonElement Json(MemoryArtifacts artifacts, string path) => JsonDocument.Parse(artifacts.Files[path]).RootElement;

    public static AppPlan App(EnvPlan plan, string root) => plan.Apps.Single(a => a.Root == root);
}
