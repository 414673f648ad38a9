using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>What every <see cref="IRunStore"/> must do: idempotent upserts, listing order and filters.</summary>
public abstract class RunStoreConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IRunStoreFixture
{
    // Millisecond precision: what every backing store keeps.
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task SaveRun_ThenGet_RoundTripsEveryField()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var run = Run(Unique("run"), RunState.Blocked, T0) with
        {
            Request = new DigestRequest
            {
                Source = "https://example.org/repo.git", Kind = SourceKind.Git, Ref = "main", Commit = "abc123", Depth = 1,
                Submodules = true, Only = ["classifier", "graph"], RequestedBy = "ana", Tenant = "team-a",
                SealedSource = "sealed:v1:abc:def",
            },
            Reason = "safety: critical CVE",
            UpdatedAt = T0.AddMinutes(5),
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            UsableAt = T0.AddMinutes(1),
        };

        await store.SaveRunAsync(run);
        var read = await store.GetRunAsync(run.RunId);

        Assert.NotNull(read);
        Assert.Equal(Json(run), Json(read));
        Assert.Equal(run.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task SaveRun_Again_ReplacesTheRecord()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var run = Run(Unique("run"), RunState.Running, T0);
        await store.SaveRunAsync(run);

        await store.SaveRunAsync(run with { State = RunState.Succeeded, UpdatedAt = T0.AddSeconds(9) });

        var read = await store.GetRunAsync(run.RunId);
        Assert.Equal((RunState.Succeeded, T0.AddSeconds(9)), (read!.State, read.UpdatedAt));
        Assert.Single(await store.ListRunsAsync(new RunQuery()));
    }

    [Fact]
    public async Task SaveRun_TraceParent_IsKeptAsFirstStored()
    {
        // A resumed run joins the trace of its first execution: later saves (state changes, a record built without it) keep it.
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var run = Run(Unique("run"), RunState.Queued, T0);
        await store.SaveRunAsync(run);
        Assert.Null((await store.GetRunAsync(run.RunId))!.TraceParent);

        const string first = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await store.SaveRunAsync(run with { State = RunState.Running, TraceParent = first });
        await store.SaveRunAsync(run with { State = RunState.Running, TraceParent = "00-11111111111111111111111111111111-2222222222222222-01" });
        await store.SaveRunAsync(run with { State = RunState.Succeeded, UpdatedAt = T0.AddSeconds(1) });

        var read = await store.GetRunAsync(run.RunId);
        Assert.Equal((RunState.Succeeded, first), (read!.State, read.TraceParent));
        Assert.Equal(first, Assert.Single(await store.ListRunsAsync(new RunQuery()), r => r.RunId == run.RunId).TraceParent);
    }

    [Fact]
    public async Task SaveRun_UsableAt_IsKeptAsFirstStored()
    {
        // The engine writes it once, mid-run; the saves after it (the run's end, a resume) are built without it and keep it.
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var run = Run(Unique("run"), RunState.Running, T0);
        await store.SaveRunAsync(run);
        Assert.Null((await store.GetRunAsync(run.RunId))!.UsableAt);

        await store.SaveRunAsync(run with { UsableAt = T0.AddSeconds(20) });
        await store.SaveRunAsync(run with { UsableAt = T0.AddSeconds(40) });
        await store.SaveRunAsync(run with { State = RunState.Succeeded, UpdatedAt = T0.AddSeconds(90) });

        var read = await store.GetRunAsync(run.RunId);
        Assert.Equal((RunState.Succeeded, T0.AddSeconds(20)), (read!.State, read.UsableAt));
        Assert.Equal(T0.AddSeconds(20), Assert.Single(await store.ListRunsAsync(new RunQuery()), r => r.RunId == run.RunId).UsableAt);
    }

    [Fact]
    public async Task GetRun_UnknownId_ReturnsNull()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();

        Assert.Null(await store.GetRunAsync(Unique("missing")));
    }

    [Fact]
    public async Task ListRuns_NewestFirst_FilteredByStateAndLimited()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        await store.SaveRunAsync(Run("r1", RunState.Succeeded, T0));
        await store.SaveRunAsync(Run("r3", RunState.Failed, T0.AddMinutes(2)));
        await store.SaveRunAsync(Run("r2", RunState.Succeeded, T0.AddMinutes(1)));
        await store.SaveRunAsync(Run("r4", RunState.Succeeded, T0.AddDays(1)));

        Assert.Equal(["r4", "r3", "r2", "r1"], (await store.ListRunsAsync(new RunQuery())).Select(r => r.RunId));
        Assert.Equal(["r4", "r2", "r1"], (await store.ListRunsAsync(new RunQuery(RunState.Succeeded))).Select(r => r.RunId));
        Assert.Equal(["r4", "r3"], (await store.ListRunsAsync(new RunQuery(Limit: 2))).Select(r => r.RunId));
        Assert.Empty(await store.ListRunsAsync(new RunQuery(RunState.Cancelled)));
    }

    [Fact]
    public async Task SaveAttempt_Again_ReplacesTheAttempt()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var running = new StageAttempt { RunId = "r", Stage = "intake", Attempt = 1, StartedAt = T0 };
        await store.SaveAttemptAsync(running);

        var ended = running with { Status = StageStatus.Failed, EndedAt = T0.AddSeconds(3), Summary = "s", ErrorType = "Timeout", Message = "too slow" };
        await store.SaveAttemptAsync(ended);

        Assert.Equal(ended, Assert.Single(await store.GetAttemptsAsync("r")));
    }

    [Fact]
    public async Task SaveAttempt_HeartbeatAfterEnd_KeepsTheEndAndTheWorker()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var running = new StageAttempt { RunId = "r", Stage = "classifier", Attempt = 1, StartedAt = T0 };
        await store.SaveAttemptAsync(running);
        var beat = running with { Worker = "w1", HeartbeatAt = T0.AddSeconds(1) };
        await store.SaveAttemptAsync(beat);
        Assert.Equal(beat, Assert.Single(await store.GetAttemptsAsync("r")));

        // The engine records the end without knowing the worker; a late heartbeat must not reopen the attempt.
        var ended = running with { Status = StageStatus.Succeeded, EndedAt = T0.AddSeconds(2) };
        await store.SaveAttemptAsync(ended);
        await store.SaveAttemptAsync(beat with { HeartbeatAt = T0.AddSeconds(3) });

        Assert.Equal(ended with { Worker = "w1", HeartbeatAt = T0.AddSeconds(1) }, Assert.Single(await store.GetAttemptsAsync("r")));
    }

    [Fact]
    public async Task GetAttempts_ReturnsOnlyTheRunsAttemptsByStartTime()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        await store.SaveAttemptAsync(new StageAttempt { RunId = "r", Stage = "graph", Attempt = 1, StartedAt = T0.AddSeconds(2) });
        await store.SaveAttemptAsync(new StageAttempt { RunId = "r", Stage = "intake", Attempt = 2, StartedAt = T0.AddSeconds(1), Status = StageStatus.Succeeded });
        await store.SaveAttemptAsync(new StageAttempt { RunId = "r", Stage = "intake", Attempt = 1, StartedAt = T0, Status = StageStatus.Failed });
        await store.SaveAttemptAsync(new StageAttempt { RunId = "other", Stage = "intake", Attempt = 1, StartedAt = T0 });

        var attempts = await store.GetAttemptsAsync("r");

        Assert.Equal([("intake", 1), ("intake", 2), ("graph", 1)], attempts.Select(a => (a.Stage, a.Attempt)));
        Assert.Null(attempts[2].Status);
        Assert.Empty(await store.GetAttemptsAsync("nobody"));
    }

    [Fact]
    public async Task SaveArtifact_SamePath_ReplacesTheBinding()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        await store.SaveArtifactAsync(new RunArtifact("r", "profile.json", new string('a', 64), 10, "application/json", "classifier"));

        var replaced = new RunArtifact("r", "profile.json", new string('b', 64), 20, "application/json", "classifier");
        await store.SaveArtifactAsync(replaced);

        Assert.Equal(replaced, Assert.Single(await store.GetArtifactsAsync("r")));
    }

    [Fact]
    public async Task GetArtifacts_ReturnsOnlyTheRunsArtifactsInOrdinalPathOrder()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        foreach (var path in new[] { "env/Dockerfile", "b.json", "README.md", "a.json", "env/k8s/deploy.yaml" })
            await store.SaveArtifactAsync(new RunArtifact("r", path, new string('c', 64), 1, "text/plain", "s"));
        await store.SaveArtifactAsync(new RunArtifact("other", "a.json", new string('d', 64), 1, "text/plain", "s"));

        var paths = (await store.GetArtifactsAsync("r")).Select(a => a.Path);

        Assert.Equal(["README.md", "a.json", "b.json", "env/Dockerfile", "env/k8s/deploy.yaml"], paths);
    }

    [Fact]
    public async Task TryLeaseRun_OnlyOneHolderAtATime_UntilItsLeaseEndsOrItIsReplaced()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var id = Unique("run");
        await store.SaveRunAsync(Run(id, RunState.Queued, T0));

        Assert.True(await store.TryLeaseRunAsync(id, "host/1/a", T0, T0.AddMinutes(1)));
        Assert.False(await store.TryLeaseRunAsync(id, "host/2/b", T0.AddSeconds(30), T0.AddSeconds(90)));
        Assert.True(await store.TryLeaseRunAsync(id, "host/1/a", T0.AddSeconds(30), T0.AddSeconds(90)));
        var held = await store.GetRunAsync(id);
        Assert.Equal(("host/1/a", T0.AddSeconds(90)), (held!.Owner, held.LeaseUntil));
        // Past the lease, or naming the holder as gone, another process takes it.
        Assert.True(await store.TryLeaseRunAsync(id, "host/2/b", T0.AddSeconds(91), T0.AddSeconds(150)));
        Assert.True(await store.TryLeaseRunAsync(id, "host/3/c", T0.AddSeconds(92), T0.AddSeconds(150), replacing: "host/2/b"));
        Assert.False(await store.TryLeaseRunAsync(id, "host/2/b", T0.AddSeconds(93), T0.AddSeconds(150)));
        Assert.Equal("host/3/c", (await store.GetRunAsync(id))!.Owner);
    }

    [Fact]
    public async Task SaveRun_KeepsTheLease_AndAnEndedRunCannotBeLeased()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var id = Unique("run");
        await store.SaveRunAsync(Run(id, RunState.Queued, T0));
        Assert.True(await store.TryLeaseRunAsync(id, "host/1/a", T0, T0.AddMinutes(1)));

        await store.SaveRunAsync(Run(id, RunState.Running, T0) with { UpdatedAt = T0.AddSeconds(1) });
        Assert.Equal("host/1/a", (await store.GetRunAsync(id))!.Owner);
        await store.SaveRunAsync(Run(id, RunState.Succeeded, T0) with { UpdatedAt = T0.AddSeconds(2) });
        var ended = await store.GetRunAsync(id);
        Assert.Equal((null, null), (ended!.Owner, ended.LeaseUntil));

        Assert.False(await store.TryLeaseRunAsync(id, "host/2/b", T0.AddHours(1), T0.AddHours(2)));
        Assert.False(await store.TryLeaseRunAsync(Unique("missing"), "host/2/b", T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task ReleaseRun_ByItsHolder_FreesIt_ByAnotherChangesNothing()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var id = Unique("run");
        await store.SaveRunAsync(Run(id, RunState.Running, T0));
        Assert.True(await store.TryLeaseRunAsync(id, "host/1/a", T0, T0.AddMinutes(1)));

        await store.ReleaseRunAsync(id, "host/2/b");
        Assert.Equal("host/1/a", (await store.GetRunAsync(id))!.Owner);
        await store.ReleaseRunAsync(id, "host/1/a");

        var released = await store.GetRunAsync(id);
        Assert.Equal((null, null), (released!.Owner, released.LeaseUntil));
        Assert.True(await store.TryLeaseRunAsync(id, "host/2/b", T0, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task RequestCancel_OpenRunOnly_KeptUntilTheRunIsOpenedAgain()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var id = Unique("run");
        await store.SaveRunAsync(Run(id, RunState.Running, T0));

        Assert.True(await store.RequestCancelAsync(id, "key_ana"));
        await store.SaveRunAsync(Run(id, RunState.Running, T0) with { UpdatedAt = T0.AddSeconds(1) });
        Assert.Equal("key_ana", (await store.GetRunAsync(id))!.CancelRequestedBy);
        await store.SaveRunAsync(Run(id, RunState.Cancelled, T0) with { UpdatedAt = T0.AddSeconds(2) });
        Assert.False(await store.RequestCancelAsync(id, "key_bo"));
        Assert.Equal("key_ana", (await store.GetRunAsync(id))!.CancelRequestedBy);

        await store.SaveRunAsync(Run(id, RunState.Queued, T0) with { UpdatedAt = T0.AddSeconds(3) });

        Assert.Null((await store.GetRunAsync(id))!.CancelRequestedBy);
        Assert.False(await store.RequestCancelAsync(Unique("missing"), "key_ana"));
    }

    [Fact]
    public async Task ListRuns_ForATenant_ReturnsOnlyItsRuns()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        await store.SaveRunAsync(Run("a1", RunState.Succeeded, T0, "team-a"));
        await store.SaveRunAsync(Run("b1", RunState.Succeeded, T0.AddMinutes(1), "team-b"));
        await store.SaveRunAsync(Run("a2", RunState.Failed, T0.AddMinutes(2), "team-a"));

        Assert.Equal(["a2", "a1"], (await store.ListRunsAsync(new RunQuery(Tenant: "team-a"))).Select(r => r.RunId));
        Assert.Equal(["a1"], (await store.ListRunsAsync(new RunQuery(RunState.Succeeded, Tenant: "team-a"))).Select(r => r.RunId));
        Assert.Empty(await store.ListRunsAsync(new RunQuery(Tenant: "team-c")));
        Assert.Equal(3, (await store.ListRunsAsync(new RunQuery())).Count);
    }

    [Fact]
    public async Task SaveRun_AgainWithAnotherTenant_KeepsTheFirstOwner()
    {
        RequireServer();
        var store = await Fixture.CreateRunStoreAsync();
        var run = Run(Unique("run"), RunState.Queued, T0, "team-a");
        await store.SaveRunAsync(run);

        await store.SaveRunAsync(run with { State = RunState.Running, Request = run.Request with { Tenant = "team-b" } });

        var read = await store.GetRunAsync(run.RunId);
        Assert.Equal((RunState.Running, "team-a"), (read!.State, read.Request.Tenant));
        Assert.Empty(await store.ListRunsAsync(new RunQuery(Tenant: "team-b")));
    }

    private static RunRecord Run(string id, RunState state, DateTimeOffset at, string tenant) =>
        Run(id, state, at) with { Request = new DigestRequest { Source = "/src", Tenant = tenant } };

    private static RunRecord Run(string id, RunState state, DateTimeOffset at) => new()
    {
        RunId = id, Workflow = "digest", Request = new DigestRequest { Source = "/src" }, State = state, CreatedAt = at, UpdatedAt = at,
    };

    private static string Json(RunRecord run) => JsonSerializer.Serialize(run);
}
