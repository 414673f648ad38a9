using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Noa.Abstractions;
using Noa.Artifacts.FileSystem;
using Noa.EventBus.InProcess;
using Noa.Storage.Sqlite;

namespace Noa.Workflows.Tests;

/// <summary>
/// The real embedded stores (SQLite file, artifact folder, in-process bus) in a temp folder, and engines
/// over them. <see cref="CreateEngine"/> opens new store instances on the same files, as a new process would.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    /// <summary>The meter factory of every engine and worker the tests make, as a host would provide it.</summary>
    public static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private readonly TempFolder _folder = new();

    public EngineHarness(Action<WorkflowOptions>? configure = null)
    {
        Options = new WorkflowOptions { MaxConcurrentActivities = 4, WorkspaceRoot = System.IO.Path.Combine(_folder.Path, "work") };
        configure?.Invoke(Options);
        (Store, Artifacts) = OpenStores();
    }

    public ClockProbe Clock { get; } = new();

    public WorkflowOptions Options { get; }

    public SqliteMetadataStore Store { get; }

    public FileSystemArtifactStore Artifacts { get; }

    public InProcessMessageBus Bus { get; } = new(TimeProvider.System);

    public InProcessDelayQueue Delays { get; } = new(TimeProvider.System);

    public string Path => _folder.Path;

    public WorkflowEngine Engine => _engine ??= CreateEngine();

    private WorkflowEngine? _engine;

    /// <summary>A new engine on new store instances over the same files (a "new process"), unless stores are given.</summary>
    public WorkflowEngine CreateEngine(TimeProvider? time = null, bool freshStores = false)
    {
        var (store, artifacts) = freshStores ? OpenStores() : (Store, Artifacts);
        return new WorkflowEngine(store, store, artifacts, Bus, Delays, time ?? Clock, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<WorkflowEngine>.Instance, Meters);
    }

    public static DigestRequest Request(params string[] only) =>
        new() { Source = "/src/demo", RequestedBy = "ana", Only = only.Length == 0 ? null : only };

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId)
    {
        var deliveries = await Bus.ReadAsync(RunEvent.Stream, "test-" + Guid.NewGuid().ToString("N"), "t",
            new ConsumeOptions { MaxMessages = 100_000, Block = TimeSpan.Zero });
        return deliveries.Select(d => JsonSerializer.Deserialize<RunEvent>(d.Message.Body, JsonSerializerOptions.Web)!)
            .Where(e => e.RunId == runId).ToArray();
    }

    public async Task<StageAttempt[]> AttemptsAsync(string runId, string stage) =>
        (await Store.GetAttemptsAsync(runId)).Where(a => a.Stage == stage).OrderBy(a => a.Attempt).ToArray();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private (SqliteMetadataStore, FileSystemArtifactStore) OpenStores() => (
        new SqliteMetadataStore(Microsoft.Extensions.Options.Options.Create(new SqliteSettings { ConnectionString = $"Data Source={System.IO.Path.Combine(_folder.Path, "noa.db")}" }), NullLogger<SqliteMetadataStore>.Instance),
        new FileSystemArtifactStore(Microsoft.Extensions.Options.Options.Create(new FileSystemArtifactSettings { Root = System.IO.Path.Combine(_folder.Path, "cas") })));
}
