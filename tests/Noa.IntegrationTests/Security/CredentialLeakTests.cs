using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Noa.IntegrationTests.Security;

/// <summary>
/// A token in a source locator (<c>http://alice:TOKEN@host/repo.git</c>) against the running gateway and the CLI: the
/// clone authenticates with it (the git server refuses a locator without it), and afterwards the token, in clear or as
/// the Basic header git sent, is in no file of the server's home (the SQLite database and its WAL, artifacts, workspaces),
/// no Postgres row, no API answer (runs, run events, artifacts, audit), no <c>noa runs</c> output and no log line.
/// </summary>
public sealed class CredentialLeakTests
{
    private static readonly Dictionary<string, string> LocalGit = new()
    {
        // The git server listens on 127.0.0.1, which Intake refuses unless told (SSRF defence).
        ["Noa__Intake__AllowPrivateNetworks"] = "true",
    };

    [Fact]
    public async Task Gateway_TokenInLocator_CloneAuthenticatesAndTheTokenIsNowhere()
    {
        using var temp = new TempDir("noa-credentials");
        await using var git = await GitHttpServer.StartAsync(temp.Combine("git"));
        var canaries = Canaries.Plant(temp.Combine("outside"));
        await using var server = await GatewayServer.StartAsync(temp.Combine("server"), LocalGit);
        using var client = server.Client(await server.CreateKeyAsync(null, "digest:write", "runs:read"));

        // Control: without the token the git server refuses, and so the run fails.
        var refused = await server.DigestAsync(client, new { source = git.Url, only = new[] { "intake" } });
        Assert.Equal("failed", (await server.WaitForEndAsync(client, refused, TimeSpan.FromMinutes(2))).GetProperty("state").GetString());

        var runId = await server.DigestAsync(client, new { source = git.UrlWithCredentials, only = new[] { "intake" } });
        var run = await server.WaitForEndAsync(client, runId, TimeSpan.FromMinutes(2));
        Assert.True(run.GetProperty("state").GetString() == "succeeded", $"{run}\n{server.Logs()}");
        Assert.Contains(git.Authorizations, a => a is not null && a.StartsWith("Basic ", StringComparison.Ordinal));
        Assert.Equal($"http://***@127.0.0.1:{new Uri(git.Url).Port}/repo.git", run.GetProperty("request").GetProperty("source").GetString());
        Assert.False(run.GetProperty("request").TryGetProperty("sealedSource", out _), run.ToString());

        var shown = new StringBuilder();
        foreach (var path in new[]
        {
            "/runs", $"/runs/{runId}", $"/runs/{runId}/artifacts", $"/runs/{runId}/artifacts/provenance.json", $"/runs/{runId}/events",
            "/admin/audit?limit=10000", $"/admin/audit?run={runId}", "/admin/keys",
        })
        {
            using var response = await server.Admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            shown.AppendLine(await response.Content.ReadAsStringAsync());
        }
        Assert.Contains("main.py", await server.Admin.GetStringAsync($"/runs/{runId}/artifacts/snapshot.json"), StringComparison.Ordinal);
        var cli = await NoaProcess.RunAsync(server.Home, "runs", "show", runId);
        var cliJson = await NoaProcess.RunAsync(server.Home, "runs", "list", "--json");
        Assert.Equal(0, cli.ExitCode);

        AssertNowhere(git, shown.ToString(), "API answers");
        AssertNowhere(git, cli + cliJson.ToString(), "noa runs");
        AssertNowhere(git, server.Logs(), "server logs");
        AssertNoFileHolds(git, server.Home);
        canaries.AssertUntouched();
    }

    [Fact]
    public async Task Cli_TokenInLocator_CloneAuthenticatesAndTheTokenIsInNoFileRowOrOutput()
    {
        using var temp = new TempDir("noa-credentials-cli");
        await using var git = await GitHttpServer.StartAsync(temp.Combine("git"));
        var home = temp.Combine("home");
        var output = temp.Combine("bundle");

        var result = await RunCliAsync(home, LocalGit, "digest", git.UrlWithCredentials, "--only", "intake", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertNowhere(git, result.ToString(), "noa digest output");
        AssertNowhere(git, (await NoaProcess.RunAsync(home, "runs", "list", "--json")).ToString(), "noa runs list");
        AssertNoFileHolds(git, home);
        AssertNoFileHolds(git, output);
        Assert.Contains("private_function", string.Concat(Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains("artifacts", StringComparison.Ordinal)).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_OnPostgres_TokenIsInNoRow()
    {
        const string server = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";
        var schema = $"it_creds_{Guid.NewGuid():N}";
        try
        {
            await using var db = NpgsqlDataSource.Create(server);
            await db.CreateCommand($"CREATE SCHEMA {schema}").ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            Requirement.Unmet($"Postgres is not reachable at 127.0.0.1:5432 ({e.Message}); start it with scripts/services.sh");
        }
        using var temp = new TempDir("noa-credentials-pg");
        await using var git = await GitHttpServer.StartAsync(temp.Combine("git"));
        try
        {
            var settings = new Dictionary<string, string>(LocalGit)
            {
                ["Noa__Metadata__Provider"] = "postgres",
                ["Noa__Metadata__Postgres__ConnectionString"] = $"{server};Search Path={schema}",
            };
            var result = await RunCliAsync(temp.Combine("home"), settings, "digest", git.UrlWithCredentials, "--only", "intake", "--out", temp.Combine("bundle"));
            Assert.True(result.ExitCode == 0, result.ToString());

            var rows = new StringBuilder();
            await using var db = NpgsqlDataSource.Create(server);
            foreach (var table in new[] { "runs", "stage_attempts", "artifacts", "audit", "api_keys", "policies" })
            {
                await using var reader = await db.CreateCommand($"SELECT row_to_json(t)::text FROM {schema}.{table} t").ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    rows.AppendLine(reader.GetString(0));
            }
            Assert.Contains("***@127.0.0.1", rows.ToString(), StringComparison.Ordinal); // the rows were read: the redacted locator is there
            AssertNowhere(git, rows.ToString(), "Postgres rows");
            AssertNowhere(git, result.ToString(), "noa digest output");
        }
        finally
        {
            await using var db = NpgsqlDataSource.Create(server);
            await db.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE").ExecuteNonQueryAsync();
        }
    }

    private static async Task<NoaResult> RunCliAsync(string home, IDictionary<string, string> settings, params string[] args)
    {
        var info = NoaProcess.StartInfo(home, args);
        foreach (var (name, value) in settings)
            info.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new NoaResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The forms the secret can leak in: as given, URL-encoded the same, and inside the Basic header git sends.</summary>
    private static string[] Forms(GitHttpServer git) =>
        [git.Token, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GitHttpServer.User}:{git.Token}"))];

    private static void AssertNowhere(GitHttpServer git, string text, string where)
    {
        foreach (var form in Forms(git))
            Assert.False(text.Contains(form, StringComparison.Ordinal), $"the token leaked into {where}");
    }

    private static void AssertNoFileHolds(GitHttpServer git, string folder)
    {
        var forms = Forms(git).Select(Encoding.UTF8.GetBytes).ToArray();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var form in forms)
                Assert.False(bytes.AsSpan().IndexOf(form) >= 0, $"the token leaked into {file}");
        }
    }
}
