using System.Text.Json;
using Noa.Abstractions;
using Noa.Storage.Postgres;
using Npgsql;

namespace Noa.IntegrationTests;

/// <summary><c>noa runs list</c> and <c>show</c> open the metadata store without the generic host: the same settings must choose it.</summary>
public sealed class RunsCommandTests : IDisposable
{
    private const string PostgresBase = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";
    private readonly TempDir _temp = new("noa-runs");
    private string Home => _temp.Combine("home");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunsList_FastPathAndFullParser_PrintTheSameBytes()
    {
        var source = _temp.Write("src/a.py", "print('hello')\n");
        foreach (var i in new[] { 1, 2 })
        {
            var digest = await NoaProcess.RunAsync(Home, "digest", Path.GetDirectoryName(source)!, "--only", "intake", "--out", _temp.Combine($"out{i}"));
            Assert.True(digest.ExitCode == 0, digest.ToString());
        }

        foreach (var args in new string[][] { ["runs", "list"], ["runs", "list", "--json"], ["runs", "list", "--limit", "1", "--state", "SUCCEEDED"] })
        {
            var fast = await NoaProcess.RunAsync(Home, [.. args, "-v"]);
            var full = await NoaProcess.RunAsync(Home, ["--verbose", .. args]);
            var plain = await NoaProcess.RunAsync(Home, args);

            Assert.True(fast.ExitCode == 0, fast.ToString());
            Assert.Contains("read by the runs list fast path", fast.Stderr);
            Assert.True(full.ExitCode == 0, full.ToString());
            Assert.DoesNotContain("fast path", full.Stderr); // the control: the full parser read it
            Assert.Contains("run_", full.Stdout);
            Assert.Equal(full.Stdout, fast.Stdout);
            Assert.Equal(full.Stdout, plain.Stdout);
        }
    }

    [Theory]
    [InlineData("--limit", "abc")] // a value the fast path does not read
    [InlineData("--state", "bogus")]
    [InlineData("--state", "1")] // System.CommandLine reads an enum's number; the fast path leaves it to it
    [InlineData("--limit=5", null)] // a syntax it does not take
    [InlineData("extra", null)] // an argument `runs list` does not take
    [InlineData("--json", "false")] // a flag's explicit value
    public async Task RunsList_CommandLineTheFastPathDoesNotTake_GetsTheFullParsersAnswer(string option, string? value)
    {
        string[] args = value is null ? ["runs", "list", option, "-v"] : ["runs", "list", option, value, "-v"];
        var made = await NoaProcess.RunAsync(Home, "runs", "list"); // the home's store made first: -v logs its creation
        Assert.True(made.ExitCode == 0, made.ToString());

        var result = await NoaProcess.RunAsync(Home, args);
        var full = await NoaProcess.RunAsync(Home, ["--verbose", .. args]);

        Assert.DoesNotContain("fast path", result.Stderr);
        Assert.Equal((full.ExitCode, full.Stdout, full.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public void RunsListFastPath_KnowsTheFullParsersOptions()
    {
        var list = Noa.Cli.Commands.RunsCommand.Create().Subcommands.Single(c => c.Name == "list");
        var full = list.Options.Concat([Noa.Cli.GlobalOptions.HomeOption, Noa.Cli.GlobalOptions.ConfigOption, Noa.Cli.GlobalOptions.VerboseOption])
            .SelectMany(o => o.Aliases.Prepend(o.Name)).Order(StringComparer.Ordinal);

        Assert.Equal(full, Noa.Cli.Commands.RunsList.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunsList_UnknownMetadataProvider_ExitsTwoNamingTheSetting()
    {
        var result = await NoaProcess.RunAsync(Home, new Dictionary<string, string> { ["Noa__Metadata__Provider"] = "sqlight" }, "runs", "list");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Noa:Metadata:Provider must be sqlite or postgres (was 'sqlight')", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // one line, no stack trace
    }

    [Fact]
    public async Task RunsListAndShow_PostgresProvider_ReadThatStore_AndTheDefaultHomeDoesNot()
    {
        var schema = $"it_{Guid.NewGuid():N}";
        try
        {
            await using (var db = NpgsqlDataSource.Create(PostgresBase))
                await db.CreateCommand($"CREATE SCHEMA {schema}").ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            Requirement.Unmet($"Postgres is not reachable at 127.0.0.1:5432 ({e.Message}); start it with scripts/services.sh");
        }
        try
        {
            var settings = new PostgresSettings { ConnectionString = $"{PostgresBase};Search Path={schema}", DisableHealthChecks = true };
            var runId = $"run_it_{Guid.NewGuid():N}";
            var now = DateTimeOffset.UtcNow;
            await using (var store = new PostgresMetadataStore(Microsoft.Extensions.Options.Options.Create(settings),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresMetadataStore>.Instance))
            {
                await store.SaveRunAsync(new RunRecord
                {
                    RunId = runId, Workflow = "digest", Request = new DigestRequest { Source = "/src/from-postgres", RequestedBy = "integration-test" },
                    State = RunState.Queued, CreatedAt = now, UpdatedAt = now,
                });
            }
            var postgres = new Dictionary<string, string>
            {
                ["Noa__Metadata__Provider"] = "postgres",
                ["Noa__Metadata__Postgres__ConnectionString"] = settings.ConnectionString,
            };

            var list = await NoaProcess.RunAsync(Home, postgres, "runs", "list", "--json");
            var show = await NoaProcess.RunAsync(Home, postgres, "runs", "show", runId);
            var local = await NoaProcess.RunAsync(Home, "runs", "list", "--json");

            Assert.True(list.ExitCode == 0, list.ToString());
            using (var doc = JsonDocument.Parse(list.Stdout))
                Assert.Equal([runId], doc.RootElement.EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
            Assert.True(show.ExitCode == 0, show.ToString());
            Assert.Contains("/src/from-postgres", show.Stdout);
            Assert.True(local.ExitCode == 0, local.ToString());
            Assert.DoesNotContain(runId, local.Stdout); // the control: the home's SQLite store has no such run
        }
        finally
        {
            await using var db = NpgsqlDataSource.Create(PostgresBase);
            await db.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE").ExecuteNonQueryAsync();
        }
    }
}
