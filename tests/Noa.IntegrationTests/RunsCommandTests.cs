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
