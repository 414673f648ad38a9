using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Artifacts.S3;
using Noa.EventBus.Nats;
using Noa.EventBus.Redis;
using Noa.Storage.Postgres;
using Npgsql;
using StackExchange.Redis;

namespace Noa.IntegrationTests;

/// <summary>
/// The split topology's servers for one test: a fresh Postgres schema, a fresh S3 bucket and a flushed Redis database
/// of its own (the bus has no key prefix, so tests are kept apart by database number), and the <c>noa serve</c>
/// processes started on them. With <c>CI=true</c> a missing server fails the test; otherwise the test is skipped with a note.
/// </summary>
internal sealed class ServerStack : IAsyncDisposable
{
    private const string PostgresBase = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";
    private readonly TempDir _temp = new("noa-split");
    private readonly ServiceProvider _clients;
    private readonly ConcurrentBag<(string Name, Process Process, StringBuilder Output)> _processes = [];
    private readonly ITestOutputHelper _output;
    private readonly string _redis;

    private ServerStack(ITestOutputHelper output, int redisDatabase, string bus)
    {
        _output = output;
        _redis = $"127.0.0.1:6379,defaultDatabase={redisDatabase}";
        var natsPrefix = $"it{Guid.NewGuid():N}"[..14];
        Schema = $"it_{Guid.NewGuid():N}";
        Bucket = $"noa-it-{Guid.NewGuid():N}";
        var secret = _temp.Write("s3-secret", "test\n");
        Environment = new Dictionary<string, string>
        {
            ["Noa__Bus__Provider"] = bus,
            ["Noa__Bus__Redis__ConnectionString"] = _redis,
            ["Noa__Bus__Nats__ConnectionString"] = "nats://127.0.0.1:4222",
            ["Noa__Bus__Nats__Prefix"] = natsPrefix,
            ["Noa__Metadata__Provider"] = "postgres",
            ["Noa__Metadata__Postgres__ConnectionString"] = $"{PostgresBase};Search Path={Schema}",
            ["Noa__Vectors__Provider"] = "postgres",
            ["Noa__Vectors__Postgres__ConnectionString"] = $"{PostgresBase};Search Path={Schema},public",
            ["Noa__Artifacts__Provider"] = "s3",
            ["Noa__Artifacts__S3__ServiceUrl"] = "http://127.0.0.1:4566",
            ["Noa__Artifacts__S3__Bucket"] = Bucket,
            ["Noa__Artifacts__S3__AccessKey"] = "test",
            ["Noa__Artifacts__S3__SecretKeyFile"] = secret,
            ["Noa__Artifacts__S3__ForcePathStyle"] = "true",
            ["Noa__Artifacts__S3__CreateBucket"] = "true",
            ["Noa__Artifacts__S3__DisableHealthChecks"] = "true",
            // Renewed while a run executes, so it can be short: a request a scheduler dropped comes back soon.
            ["Noa__Workflows__Scheduler__Lease"] = "00:00:10",
        };
        var services = new ServiceCollection().AddLogging();
        if (bus == "nats")
            services.AddNatsBus(s => (s.Enabled, s.ConnectionString, s.Prefix, s.DisableHealthChecks) = (true, "nats://127.0.0.1:4222", natsPrefix, true));
        else
            services.AddRedisBus(s => (s.ConnectionString, s.DisableHealthChecks) = (_redis, true));
        services.AddPostgresMetadata(s => (s.ConnectionString, s.DisableHealthChecks) = (Environment["Noa__Metadata__Postgres__ConnectionString"], true));
        services.AddS3Artifacts(s =>
        {
            (s.ServiceUrl, s.Bucket, s.AccessKey, s.SecretKeyFile) = ("http://127.0.0.1:4566", Bucket, "test", secret);
            (s.ForcePathStyle, s.CreateBucket, s.DisableHealthChecks) = (true, true, true);
        });
        _clients = services.BuildServiceProvider();
    }

    public string Schema { get; }

    public string Bucket { get; }

    /// <summary>Configuration every process of the stack gets, as environment variables.</summary>
    public Dictionary<string, string> Environment { get; }

    public IRunStore Runs => _clients.GetRequiredService<IRunStore>();

    public IArtifactStore Artifacts => _clients.GetRequiredService<IArtifactStore>();

    public IMessageBus Bus => _clients.GetRequiredService<IMessageBus>();

    public TempDir Temp => _temp;

    /// <summary>The stack on the Redis (<paramref name="bus"/> = redis) or NATS (nats) bus, or null (test skipped, noted in
    /// the output) when a server is missing outside CI.</summary>
    public static async Task<ServerStack?> StartAsync(ITestOutputHelper output, int redisDatabase, string bus = "redis")
    {
        try
        {
            var config = ConfigurationOptions.Parse($"127.0.0.1:6379,defaultDatabase={redisDatabase}");
            (config.AbortOnConnectFail, config.ConnectTimeout, config.AllowAdmin) = (true, 2000, true);
            await using (var redis = await ConnectionMultiplexer.ConnectAsync(config))
                await redis.GetDatabase().ExecuteAsync("FLUSHDB");
            if (bus == "nats")
            {
                using var nats = new System.Net.Sockets.TcpClient();
                await nats.ConnectAsync("127.0.0.1", 4222);
            }
            var stack = new ServerStack(output, redisDatabase, bus);
            await using (var db = NpgsqlDataSource.Create(PostgresBase))
                // pgvector's types live in public, shared by every test schema (dropping a schema must not drop them).
                await db.CreateCommand($"CREATE EXTENSION IF NOT EXISTS vector SCHEMA public; CREATE SCHEMA {stack.Schema}").ExecuteNonQueryAsync();
            using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var http = new HttpClient();
            await http.GetAsync("http://127.0.0.1:4566/", probe.Token);
            return stack;
        }
        catch (Exception e) when (e is RedisException or NpgsqlException or HttpRequestException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            var why = $"the split-topology servers are not all reachable ({e.GetType().Name}: {e.Message}); start them with scripts/services.sh";
            Requirement.Unmet(why);
            return null;
        }
    }

    /// <summary>Starts <c>noa serve --target {target}</c> with its own home, on the stack, with extra settings.</summary>
    public Process Serve(string name, string target, IDictionary<string, string>? settings = null, string urls = "http://127.0.0.1:0")
    {
        var info = NoaProcess.StartInfo(_temp.Combine("home-" + name), "serve", "--target", target, "--urls", urls);
        foreach (var (key, value) in Environment.Concat(settings ?? new Dictionary<string, string>()))
            info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((name, process, output));
        return process;
    }

    /// <summary>Records a queued run and asks the schedulers to execute it, as the gateway does.</summary>
    public async Task<string> QueueRunAsync(string source)
    {
        var runId = $"run_it_{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await Runs.SaveRunAsync(new RunRecord
        {
            RunId = runId, Workflow = "digest", Request = new DigestRequest { Source = source, RequestedBy = "integration-test" },
            State = RunState.Queued, CreatedAt = now, UpdatedAt = now,
        });
        await Bus.PublishAsync(StartRun.Stream, new BusMessage(StartRun.MessageType, JsonSerializer.Serialize(new StartRun(runId), JsonSerializerOptions.Web)));
        return runId;
    }

    /// <summary>Polls the run store until the run has ended, failing when any process died or time ran out.</summary>
    public async Task<RunRecord> WaitForEndAsync(string runId, TimeSpan timeout, params Process[] mustLive)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await Runs.GetRunAsync(runId) is { State: not (RunState.Queued or RunState.Running) } ended)
                return ended;
            foreach (var p in mustLive.Where(p => p.HasExited))
                Assert.Fail($"a noa process exited early ({p.ExitCode}):\n{Logs()}");
            await Task.Delay(200);
        }
        var attempts = string.Join("\n", (await Runs.GetAttemptsAsync(runId)).Select(a => $"  {a.Stage} #{a.Attempt} {a.Status} {a.Worker} {a.ErrorType} {a.Message}"));
        throw new TimeoutException($"run {runId} did not end within {timeout}: {(await Runs.GetRunAsync(runId))?.State}\n{attempts}\n{Logs()}");
    }

    /// <summary>The content of a run's artifact.</summary>
    public async Task<string> ReadArtifactAsync(string runId, string path)
    {
        var artifact = (await Runs.GetArtifactsAsync(runId)).Single(a => a.Path == path);
        await using var content = await Artifacts.OpenReadAsync(artifact.Sha256) ?? throw new FileNotFoundException(path);
        return await new StreamReader(content).ReadToEndAsync();
    }

    public string Logs()
    {
        var all = new StringBuilder();
        foreach (var (name, _, output) in _processes)
        {
            lock (output)
                all.AppendLine($"===== {name}").AppendLine(output.Length > 20_000 ? output.ToString(output.Length - 20_000, 20_000) : output.ToString());
        }
        return all.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, _) in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        await _clients.DisposeAsync();
        try
        {
            await using var db = NpgsqlDataSource.Create(PostgresBase);
            await db.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE").ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            _output.WriteLine($"could not drop schema {Schema}: {e.Message}");
        }
        _temp.Dispose();
    }
}
