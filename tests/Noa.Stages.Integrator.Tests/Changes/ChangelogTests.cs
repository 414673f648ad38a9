using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Artifacts.FileSystem;
using Noa.Stages.Integrator.Changes;
using Noa.Storage.Sqlite;

namespace Noa.Stages.Integrator.Tests.Changes;

/// <summary>
/// The changelog between two digests of the same spec: <c>Specs/rich.yaml</c> and a hand-edited copy (a query parameter
/// renamed, an operation removed, a property newly required, an operation and an enum value added), compared by
/// <see cref="ApiDiff"/> directly and by the stage through the real run and artifact stores (SQLite, a folder), where the
/// earlier run is found by its source. Controls: the identical spec gives no change and no new entry; another source
/// gives no changelog at all.
/// </summary>
public sealed class ChangelogTests
{
    private static string Edited(string spec)
    {
        var export = spec.IndexOf("  /export:", StringComparison.Ordinal);
        var health = spec.IndexOf("  /health:", StringComparison.Ordinal);
        Assert.True(export > 0 && health > export);
        var edited = spec[..export] + spec[health..];
        edited = Replace(edited, "{ name: page, in: query, schema: { type: integer } }", "{ name: page_number, in: query, schema: { type: integer } }");
        edited = Replace(edited, "      required: [total]\n", "      required: [total, note]\n");
        edited = Replace(edited, "enum: [open, \"in-progress\", closed, \"\", \"42\"]", "enum: [open, \"in-progress\", closed, \"\", \"42\", archived]");
        return Replace(edited, "  /health:\n", "  /ping:\n    get:\n      operationId: ping\n      responses:\n        \"204\": { description: pong }\n  /health:\n");
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static async Task<ApiSnapshot> SnapshotAsync(string spec) => ApiSnapshot.Of(await Generate.ModelAsync(spec, "rich.yaml"));

    [Fact]
    public async Task Diff_ListsBreakingChangesFirst_AndBumpsTheMajorVersion()
    {
        var rich = Generate.Spec("rich.yaml");
        var changes = ApiDiff.Compare(await SnapshotAsync(rich), await SnapshotAsync(Edited(rich)));

        Assert.Contains(changes, c => c is { Kind: "parameter-renamed", Subject: "GET /orders" } && c.Detail.Contains("page renamed page_number", StringComparison.Ordinal));
        Assert.Contains(changes, c => c is { Kind: "operation-removed", Subject: "GET /export" });
        Assert.Contains(changes, c => c is { Kind: "property-now-required", Subject: "NewOrder.note" });
        Assert.Contains(changes, c => c is { Kind: "operation-added", Subject: "GET /ping", Level: ChangeLevel.Addition });
        Assert.Contains(changes, c => c is { Kind: "enum-value-added", Subject: "Status" } && c.Detail.Contains("archived", StringComparison.Ordinal));
        var firstNonBreaking = changes.FindIndex(c => c.Level != ChangeLevel.Breaking);
        Assert.True(firstNonBreaking > 0 && changes.Skip(firstNonBreaking).All(c => c.Level != ChangeLevel.Breaking), string.Join("\n", changes));
        Assert.Equal("4.0.0", SdkVersion.Next("3.4.5", Changelog.LevelOf(changes), "3.4.5"));
    }

    [Fact]
    public async Task Diff_AdditionsOnly_BumpMinor_AndIdenticalSpecs_ChangeNothing()
    {
        var rich = Generate.Spec("rich.yaml");
        var added = Replace(rich, "  /health:\n", "  /ping:\n    get:\n      operationId: ping\n      responses:\n        \"204\": { description: pong }\n  /health:\n");

        var additions = ApiDiff.Compare(await SnapshotAsync(rich), await SnapshotAsync(added));
        var none = ApiDiff.Compare(await SnapshotAsync(rich), await SnapshotAsync(rich));

        Assert.Equal(ChangeLevel.Addition, Changelog.LevelOf(additions));
        Assert.Equal("3.5.0", SdkVersion.Next("3.4.5", Changelog.LevelOf(additions), "3.4.5"));
        Assert.Empty(none);
        Assert.Equal("3.4.5", SdkVersion.Next("3.4.5", Changelog.LevelOf(none), "3.4.5"));
        // An API that moved its own major version past the bump keeps its version.
        Assert.Equal("5.0.0", SdkVersion.Next("3.4.5", ChangeLevel.Breaking, "5.0.0"));
    }

    [Fact]
    public async Task Stage_FindsTheEarlierDigestOfTheSource_WritesTheChangelog_AndBumpsTheSdks()
    {
        var home = Directory.CreateTempSubdirectory("noa-changelog-").FullName;
        // The stage as a host builds it (AddIntegrator), so the run and artifact stores reach it through DI.
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddIntegrator()
            .AddSqliteMetadata(s => { s.ConnectionString = $"Data Source={Path.Combine(home, "noa.db")}"; s.DisableHealthChecks = true; })
            .AddFileSystemArtifacts(s => s.Root = Path.Combine(home, "artifacts"))
            .BuildServiceProvider();
        try
        {
            var runs = services.GetRequiredService<IRunStore>();
            var store = services.GetRequiredService<IArtifactStore>();
            var stage = Assert.Single(services.GetServices<IStage>().OfType<IntegratorStage>());
            var rich = Generate.Spec("rich.yaml");
            var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

            var first = await DigestAsync(stage, runs, store, "run-a", "specs/shop", rich, start);
            var second = await DigestAsync(stage, runs, store, "run-b", "specs/shop", Edited(rich), start.AddHours(1));
            var third = await DigestAsync(stage, runs, store, "run-c", "specs/shop", Edited(rich), start.AddHours(2));
            var other = await DigestAsync(stage, runs, store, "run-d", "specs/other", Edited(rich), start.AddHours(3));

            Assert.DoesNotContain("sdk/changes.json", first.Keys);
            Assert.Contains("version = \"3.4.5\"", first["sdk/python/pyproject.toml"]);

            using (var changes = JsonDocument.Parse(second["sdk/changes.json"]))
            {
                Assert.Equal("run-a", changes.RootElement.GetProperty("previousRun").GetString());
                Assert.Equal("breaking", changes.RootElement.GetProperty("level").GetString());
                Assert.Equal("4.0.0", changes.RootElement.GetProperty("sdkVersion").GetString());
                Assert.Equal("breaking", changes.RootElement.GetProperty("changes")[0].GetProperty("level").GetString());
            }
            var log = second["sdk/CHANGELOG.md"];
            Assert.True(log.IndexOf("### Breaking changes", StringComparison.Ordinal) < log.IndexOf("### Additions", StringComparison.Ordinal), log);
            Assert.Contains("- `GET /export`: operation export removed", log);
            Assert.Contains("version = \"4.0.0\"", second["sdk/python/pyproject.toml"]);
            Assert.Contains("\"version\": \"4.0.0\"", second["sdk/typescript/package.json"]);
            Assert.Contains("/v4", second["sdk/go/go.mod"]);

            // Control: the same spec again changes nothing: level none, no new entry, the earlier entry kept.
            using (var same = JsonDocument.Parse(third["sdk/changes.json"]))
            {
                Assert.Equal("none", same.RootElement.GetProperty("level").GetString());
                Assert.Equal(0, same.RootElement.GetProperty("changes").GetArrayLength());
                Assert.Equal("4.0.0", same.RootElement.GetProperty("sdkVersion").GetString());
            }
            Assert.Equal(1, CountOf(third["sdk/CHANGELOG.md"], "## 4.0.0"));
            // Control: another source has no earlier digest.
            Assert.DoesNotContain("sdk/changes.json", other.Keys);
        }
        finally
        {
            await services.DisposeAsync();
            Directory.Delete(home, recursive: true);
        }
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static async Task<Dictionary<string, string>> DigestAsync(IntegratorStage stage, IRunStore runs, IArtifactStore store, string runId, string source, string spec, DateTimeOffset at)
    {
        var request = new DigestRequest { Source = source };
        await runs.SaveRunAsync(new RunRecord { RunId = runId, Workflow = "digest", Request = request, State = RunState.Running, CreatedAt = at, UpdatedAt = at });
        var artifacts = new StoredArtifacts(runId, runs, store);
        var outcome = await stage.ExecuteAsync(new StageContext
        {
            RunId = runId,
            Request = request,
            Attempt = 1,
            Workspace = Path.GetTempPath(),
            Artifacts = artifacts,
            Source = new MemorySourceTree(("rich.yaml", spec)),
            Progress = new Progress<StageProgress>(),
            Time = TimeProvider.System,
        }, CancellationToken.None);
        Assert.True(outcome.Status == StageStatus.Succeeded, outcome.Failure?.Message);
        return artifacts.Written;
    }

    /// <summary>A run's artifacts in the real stores, as the workflow engine keeps them (content in the artifact store, the path bound in the run store).</summary>
    private sealed class StoredArtifacts(string runId, IRunStore runs, IArtifactStore store) : IRunArtifacts
    {
        public Dictionary<string, string> Written { get; } = [];

        public async Task<ArtifactRef> WriteAsync(string path, Stream content, string mediaType, CancellationToken cancellationToken = default)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            Written[path] = Encoding.UTF8.GetString(copy.ToArray());
            copy.Position = 0;
            var stored = await store.PutAsync(copy, cancellationToken);
            await runs.SaveArtifactAsync(new RunArtifact(runId, path, stored.Sha256, stored.Size, mediaType, "integrator"), cancellationToken);
            return stored;
        }

        public async Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default)
        {
            var artifact = (await runs.GetArtifactsAsync(runId, cancellationToken)).FirstOrDefault(a => a.Path == path);
            return artifact is null ? null : await store.OpenReadAsync(artifact.Sha256, cancellationToken);
        }

        public Task<ArtifactRef> PutBlobAsync(Stream content, CancellationToken cancellationToken = default) => store.PutAsync(content, cancellationToken);
    }
}
