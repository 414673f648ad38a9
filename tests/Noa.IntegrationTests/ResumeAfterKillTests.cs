using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Storage.Sqlite;

namespace Noa.IntegrationTests;

/// <summary>A digest process killed with SIGKILL mid-stage is resumed by another process without redoing finished stages.
/// The kill lands in whichever stage after intake is running when the poll sees it (classifier, graph or safety), so a
/// fast classifier cannot slip through the window.</summary>
public sealed class ResumeAfterKillTests : IDisposable
{
    private readonly TempDir _temp = new("noa-kill");

    [Fact]
    public async Task Resume_AfterSigkillMidStage_DoesNotRedoFinishedStages()
    {
        var source = SourceTrees.Mixed(_temp.Combine("src"), 12_000);
        var home = _temp.Combine("home");
        using var process = Process.Start(NoaProcess.StartInfo(home, "digest", source, "--out", _temp.Combine("out1")))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();

        var store = new SqliteMetadataStore(
            Options.Create(new SqliteSettings { ConnectionString = $"Data Source={Path.Combine(home, "noa.db")}" }),
            NullLogger<SqliteMetadataStore>.Instance);
        var (runId, killed) = await WaitForRunningStageAsync(store, process);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var resumed = await NoaProcess.RunAsync(home, "digest", "--resume", runId, "--out", _temp.Combine("out2"));

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var attempts = await store.GetAttemptsAsync(runId);
        var intake = Assert.Single(attempts, a => a.Stage == "intake");
        Assert.Equal(StageStatus.Succeeded, intake.Status);
        var stage = attempts.Where(a => a.Stage == killed).OrderBy(a => a.Attempt).ToArray();
        Assert.Equal(2, stage.Length);
        Assert.Equal("Abandoned", stage[0].ErrorType);
        Assert.Equal(StageStatus.Succeeded, stage[1].Status);
        Assert.All(attempts.Where(a => a.Stage != killed && a.Attempt > 1), a => Assert.Equal("Abandoned", attempts.Single(b => b.Stage == a.Stage && b.Attempt == a.Attempt - 1).ErrorType));
        Assert.True(File.Exists(_temp.Combine("out2", "profile.json")));
        var profiles = (await store.GetArtifactsAsync(runId)).Count(a => a.Path == "profile.json");
        Assert.Equal(1, profiles);
        Assert.Equal(RunState.Succeeded, (await store.GetRunAsync(runId))!.State);
    }

    private static async Task<(string RunId, string Stage)> WaitForRunningStageAsync(SqliteMetadataStore store, Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"the digest ended (exit {(process.HasExited ? process.ExitCode : 0)}) before a stage after intake was seen running");
            if (File.Exists(Path.Combine(Path.GetDirectoryName(process.StartInfo.Environment["NOA_HOME"]!)!, "home", "noa.db")))
            {
                try
                {
                    var runs = await store.ListRunsAsync(new RunQuery(Limit: 1));
                    if (runs.Count == 1)
                    {
                        var attempts = await store.GetAttemptsAsync(runs[0].RunId);
                        if (attempts.FirstOrDefault(a => a.Stage != "intake" && a.Status is null) is { } running)
                            return (runs[0].RunId, running.Stage);
                    }
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // The schema may not be migrated yet.
                }
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("no stage after intake was seen running within 3 minutes");
    }

    public void Dispose() => _temp.Dispose();
}
