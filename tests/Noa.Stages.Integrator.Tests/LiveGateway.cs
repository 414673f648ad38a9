using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Noa.Artifacts.FileSystem;
using Noa.EventBus.InProcess;
using Noa.Gateway;
using Noa.Hosting;
using Noa.Stages.Intake;
using Noa.Storage.Sqlite;
using Noa.Workflows;

namespace Noa.Stages.Integrator.Tests;

/// <summary>
/// noa's own gateway on real Kestrel (127.0.0.1, a free port) over the embedded stores, with the scheduler and the
/// Intake stage, so a generated SDK can create a key, start a digest, follow its events and download an artifact.
/// </summary>
internal sealed class LiveGateway : IAsyncDisposable
{
    public const string AdminKey = "noa_admin1_" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    private LiveGateway(WebApplication app, string home)
    {
        App = app;
        Home = home;
        BaseAddress = app.Urls.First();
    }

    public WebApplication App { get; }

    public string Home { get; }

    public string Sources => Path.Combine(Home, "sources");

    public string BaseAddress { get; }

    public static async Task<LiveGateway> StartAsync()
    {
        var home = Directory.CreateTempSubdirectory("noa-integrator-").FullName;
        var keyFile = Path.Combine(home, "bootstrap.key");
        await File.WriteAllTextAsync(keyFile, AdminKey + "\n");
        Directory.CreateDirectory(Path.Combine(home, "sources"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Noa:Gateway:BootstrapKeyFile"] = keyFile,
            ["Noa:Gateway:AllowLocalSources"] = "true",
        });
        builder.AddNoaDefaults(jsonLogs: false);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddInProcessBus()
            .AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Path.Combine(home, "noa.db")}")
            .AddFileSystemArtifacts(s => s.Root = Path.Combine(home, "artifacts"))
            .AddGateway()
            .AddWorkflows(o => o.WorkspaceRoot = Path.Combine(home, "workspaces"))
            .AddRunScheduler(o => o.ReadBlock = TimeSpan.FromMilliseconds(100))
            .AddIntake(o => o.AllowedFileRoots = [Path.Combine(home, "sources")]);
        var app = builder.Build();
        app.MapNoaDefaults();
        app.MapModules();
        await app.StartAsync();
        return new LiveGateway(app, home);
    }

    /// <summary>The gateway's own OpenAPI document, as a client downloads it.</summary>
    public async Task<string> OpenApiAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseAddress) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return await client.GetStringAsync("/openapi/v1.json");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
