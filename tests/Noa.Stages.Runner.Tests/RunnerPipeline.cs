using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Capsule;
using Noa.Stages.Classifier;
using Noa.Stages.Env;
using Noa.Stages.Graph;
using Noa.Storage.Sqlite;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// The real Classifier and Graph stages over a folder, then the Runner on the real capsule module of this host (bubblewrap,
/// cgroups; no image unless <c>buildImages</c>: then Env Synthesis builds each app's image with buildah and the Runner runs in its build
/// stage), with a real SQLite audit log. Capsules need root on Linux and bwrap (and buildah for images): otherwise the tests are unmet.
/// </summary>
public sealed class RunnerPipeline : IAsyncDisposable
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "runner.schema.json"));
    private readonly string _home = Directory.CreateTempSubdirectory("noa-runner-").FullName;
    private readonly ServiceProvider _services;

    public RunnerPipeline(bool buildImages = false)
    {
        if (Unavailable() is { } why)
            Requirement.Unmet(why);
        if (buildImages && SandboxRequirements.Unavailable(SandboxRequirements.CapsuleTools) is { } missing)
            Requirement.Unmet(missing);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Path.Combine(_home, "noa.db")}");
        // The Env stage plans start command, port and health for the service smoke test; it builds images only when asked (its proof
        // is Env's own test), for the Runner to run in.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddEnv(o =>
        {
            o.Verify = buildImages;
            o.ExportImages = false;
            o.ImagesLock = SandboxRequirements.ImagesLock();
        });
        services.AddCapsules(o =>
        {
            o.WorkDirectory = "/run/noa-runner-test-capsules";
            o.SocketDirectory = "/run/noa-runner-test-sockets";
        }, sandbox => sandbox.StateDirectory = "/run/noa-runner-test-sandbox", images => images.MountDirectory = "/run/noa-runner-test-images");
        _services = services.BuildServiceProvider();
        Capsules = _services.GetRequiredService<ICapsules>();
        Images = _services.GetRequiredService<IImageBuilder>();
    }

    public ICapsules Capsules { get; }

    public IImageBuilder Images { get; }

    /// <summary>Why capsules cannot run here, or null.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return "the Runner's capsules run as root on Linux (each sandbox gets its own unprivileged host user)";
        if (!File.Exists("/usr/bin/bwrap"))
            return "bubblewrap is not installed (scripts/capsule.sh)";
        if (!File.Exists("/usr/bin/python3"))
            return "Debian's python3 is not installed in /usr/bin (apt-get install python3)";
        return null;
    }

    /// <summary>A new folder with these files, under the test's temp home.</summary>
    public string Folder(params (string Path, string Content)[] files)
    {
        var root = Directory.CreateDirectory(Path.Combine(_home, "src-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        return root;
    }

    /// <summary>Classifier, Graph, Env when <paramref name="env"/>, then the Runner on the folder; the Runner's outcome, runner.json
    /// (schema-checked) and the artifacts.</summary>
    public async Task<(StageOutcome Outcome, JsonElement Report, MemoryArtifacts Artifacts)> RunAsync(string folder, Action<RunnerOptions>? configure = null, bool env = false)
    {
        var tree = new DirectorySourceTree(folder);
        var artifacts = new MemoryArtifacts();
        var runId = "run_" + Guid.NewGuid().ToString("N")[..12];
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts, runId, folder), default)).Status);
        var graph = new GraphStage(Options.Create(new GraphOptions { MaxDegreeOfParallelism = 1 }), NullLogger<GraphStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await graph.ExecuteAsync(Context(tree, artifacts, runId, folder), default)).Status);
        if (env)
        {
            var envStage = _services.GetServices<IStage>().Single(s => s.Name == "env");
            var planned = await envStage.ExecuteAsync(Context(tree, artifacts, runId, folder), default);
            Assert.True(planned.Status == StageStatus.Succeeded, planned.ToString());
        }
        var options = new RunnerOptions { WorkDirectory = "/run/noa-runner-test-work", StepSeconds = 120, TotalSeconds = 300 };
        configure?.Invoke(options);
        Assert.Empty(options.Validate());
        var stage = new RunnerStage(Options.Create(options), NullLogger<RunnerStage>.Instance, Capsules, Images);
        var outcome = await stage.ExecuteAsync(Context(tree, artifacts, runId, folder), default);
        var json = JsonNode.Parse(artifacts.Files["runner.json"]);
        var result = Schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
        return (outcome, JsonDocument.Parse(artifacts.Files["runner.json"]).RootElement.Clone(), artifacts);
    }

    private StageContext Context(ISourceTree tree, IRunArtifacts artifacts, string runId, string folder) => new()
    {
        RunId = runId,
        Request = new DigestRequest { Source = folder },
        Attempt = 1,
        Workspace = Path.Combine(_home, "work", runId),
        Artifacts = artifacts,
        Source = tree,
        Progress = new Progress<StageProgress>(),
        Time = TimeProvider.System,
    };

    /// <summary>A folder of the corpora ($NOA_CORPORA, else the repository's .cache/corpora), or null.</summary>
    public static string? Corpus(string relative)
    {
        if (Environment.GetEnvironmentVariable("NOA_CORPORA") is { Length: > 0 } root)
            return Directory.Exists(Path.Combine(root, relative)) ? Path.Combine(root, relative) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var path = Path.Combine(dir.FullName, ".cache", "corpora", relative);
                return Directory.Exists(path) ? path : null;
            }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }
}
