using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Noa.Artifacts.FileSystem;
using Noa.EventBus.InProcess;
using Noa.Hosting;
using Noa.Stages.Intake;
using Noa.Stages.Safety;
using Noa.Storage.Sqlite;
using Noa.Workflows;

namespace Noa.Gateway.Tests;

/// <summary>
/// The gateway on real Kestrel (127.0.0.1, a free port) over the embedded stores in a temp folder, composed
/// as <c>noa serve</c> does: <c>--target all</c> (gateway, scheduler, Intake) or <c>--target gateway</c> alone.
/// The bootstrap admin key comes from a file, as in production.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public const string AdminKey = "noa_admin1_" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    private GatewayHost(WebApplication app, TempFolder home)
    {
        App = app;
        Home = home;
        BaseAddress = new Uri(app.Urls.First());
        Admin = Client(AdminKey);
    }

    public WebApplication App { get; }

    public TempFolder Home { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client sending the bootstrap admin key.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="workers">Whether the scheduler, engine and Intake run here too (<c>--target all</c>) or the gateway runs alone.</param>
    /// <param name="settings">Configuration over the defaults.</param>
    /// <param name="services">Last changes to the services.</param>
    /// <param name="policyValidator">Whether the Safety stage's policy validator is registered, as the <c>gateway</c> module does.</param>
    public static async Task<GatewayHost> StartAsync(bool workers = true, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        bool policyValidator = true)
    {
        var home = new TempFolder();
        var keyFile = Path.Combine(home.Path, "bootstrap.key");
        await File.WriteAllTextAsync(keyFile, AdminKey + "\n");
        Directory.CreateDirectory(home.Sources);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var config = new Dictionary<string, string?>
        {
            ["Noa:Gateway:BootstrapKeyFile"] = keyFile,
            ["Noa:Gateway:KeyCacheTtl"] = "00:00:05",
            ["Noa:Gateway:AllowLocalSources"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddNoaDefaults(jsonLogs: false);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddInProcessBus()
            .AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Path.Combine(home.Path, "noa.db")}")
            .AddFileSystemArtifacts(s => s.Root = Path.Combine(home.Path, "artifacts"))
            .AddGateway();
        if (policyValidator)
            builder.Services.AddSafetyPolicyValidator();
        if (workers)
        {
            builder.Services
                .AddWorkflows(o => o.WorkspaceRoot = Path.Combine(home.Path, "workspaces"))
                .AddRunScheduler(o => o.ReadBlock = TimeSpan.FromMilliseconds(100))
                .AddIntake(o => o.AllowedFileRoots = [home.Sources]);
        }
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapNoaDefaults();
        app.MapModules();
        await app.StartAsync();
        return new GatewayHost(app, home);
    }

    public HttpClient Client(string? key = null, bool bearer = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            if (bearer)
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            else
                client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    /// <summary>Creates a key with the given scopes through the API and returns it.</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(params string[] scopes)
    {
        var response = await Admin.PostAsJsonAsync("/admin/keys", new { name = "test", scopes });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    /// <summary>A small real folder under the allowed file root.</summary>
    public string WriteSourceFolder(string name = "demo")
    {
        var folder = Path.Combine(Home.Sources, name);
        Directory.CreateDirectory(Path.Combine(folder, "src"));
        File.WriteAllText(Path.Combine(folder, "README.md"), "# demo\nA tiny project.\n");
        File.WriteAllText(Path.Combine(folder, "src", "main.py"), "print('hello')\n");
        File.WriteAllText(Path.Combine(folder, "requirements.txt"), "requests==2.32.3\n");
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Home.Dispose();
    }
}
