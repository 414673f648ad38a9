using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Storage.Sqlite;

namespace Noa.IntegrationTests;

/// <summary>A digest process killed with SIGKILL mid-stage is resumed by another process without redoing finished stages.</summary>
public sealed class ResumeAfterKillTests : IDisposable
{
    private readonly TempDir _temp = new("noa-kill");

    [Fact]
    public async Task Resume_AfterSigkillDuringClassifier_DoesNotRedoIntake()
    {
        var source = SourceTrees.Mixed(_temp.Combine("src"), 12_000);
        var home = _temp.Combine("home");
        using var process = Process.Start(NoaProcess.StartInfo(home, "digest", source, "--out", _temp.Combine("out1")))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();

        var store = new SqliteMetadataStore(
            Options.Create(new SqliteSettings { ConnectionString = $"Data Source={Path.Combine(home, "noa.db")}" }),
            NullLogger<SqliteMetadataStore>.Instance);
        var runId = await WaitForRunningClassifierAsync(store, process);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var resumed = await NoaProcess.RunAsync(home, "digest", "--resume", runId, "--out", _temp.Combine("out2"));

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var attempts = await store.GetAttemptsAsync(runId);
        var intake = Assert.Single(attempts, a => a.Stage == "intake");
        Assert.Equal(StageStatus.Succeeded, intake.Status);
        var classifier = attempts.Where(a => a.Stage == "classifier").OrderBy(a => a.Attempt).ToArray();
        Assert.Equal(2, classifier.Length);
        Assert.Equal("Abandoned", classifier[0].ErrorType);
        Assert.Equal(StageStatus.Succeeded, classifier[1].Status);
        Assert.True(File.Exists(_temp.Combine("out2", "profile.json")));
        var profiles = (await store.GetArtifactsAsync(runId)).Count(a => a.Path == "profile.json");
        Assert.Equal(1, profiles);
        Assert.Equal(RunState.Succeeded, (await store.GetRunAsync(runId))!.State);
    }

    private static async Task<string> WaitForRunningClassifierAsync(SqliteMetadataStore store, Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"the digest ended (exit {(process.HasExited ? process.ExitCode : 0)}) before the classifier started");
            if (File.Exists(Path.Combine(Path.GetDirectoryName(process.StartInfo.Environment["NOA_HOME"]!)!, "home", "noa.db")))
            {
                try
                {
                    var runs = await store.ListRunsAsync(new RunQuery(Limit: 1));
                    if (runs.Count == 1)
                    {
                        var attempts = await store.GetAttemptsAsync(runs[0].RunId);
                        if (attempts.Any(a => a.Stage == "classifier" && a.Status is null))
                            return runs[0].RunId;
                    }
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // The schema may not be migrated yet.
                }
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("the classifier never started");
    }

    public void Dispose() => _temp.Dispose();
}
