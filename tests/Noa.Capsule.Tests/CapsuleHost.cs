using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;
using Noa.Artifacts.FileSystem;
using Noa.EventBus.InProcess;
using Noa.Gateway;
using Noa.Hosting;
using Noa.Storage.Sqlite;
using Noa.Testing;

namespace Noa.Capsule.Tests;

/// <summary>
/// The gateway and the capsule module on real Kestrel (127.0.0.1, a free port) over the embedded stores, composed as
/// <c>noa serve --target gateway,capsules</c> does, with the real sandbox and image builder of this host. The policy
/// <c>registry</c> allows the local OCI registry (127.0.0.1:5000) and nothing else.
/// </summary>
internal sealed class CapsuleHost : IAsyncDisposable
{
    public const string AdminKey = "noa_admin1_" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    private CapsuleHost(WebApplication app, string home)
    {
        (App, Home) = (app, home);
        BaseAddress = new Uri(app.Urls.First());
        Admin = Client(AdminKey);
    }

    public WebApplication App { get; }

    public string Home { get; }

    public Uri BaseAddress { get; }

    public HttpClient Admin { get; }

    public ICapsules Capsules => App.Services.GetRequiredService<ICapsules>();

    public IAuditLog Audit => App.Services.GetRequiredService<IAuditLog>();

    /// <summary>Why capsules cannot run here (the tools, root, the registry), or null.</summary>
    public static string? Unavailable() => SandboxRequirements.Unavailable(SandboxRequirements.CapsuleTools);

    public static async Task<CapsuleHost> StartAsync(Action<CapsuleOptions>? configure = null, bool gateway = true)
    {
        if (Unavailable() is { } why)
            Requirement.Unmet(why);
        var home = Directory.CreateTempSubdirectory("noa-capsule-host-").FullName;
        var keyFile = Path.Combine(home, "bootstrap.key");
        await File.WriteAllTextAsync(keyFile, AdminKey + "\n");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Noa:Gateway:BootstrapKeyFile"] = keyFile,
            ["Noa:Gateway:KeyCacheTtl"] = "00:00:05",
        });
        builder.AddNoaDefaults(jsonLogs: false);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddInProcessBus()
            .AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Path.Combine(home, "noa.db")}")
            .AddFileSystemArtifacts(s => s.Root = Path.Combine(home, "artifacts"));
        if (gateway)
            builder.Services.AddGateway();
        builder.Services.AddCapsules(o =>
        {
            o.WorkDirectory = Path.Combine("/run", "noa-capsules-test-work");
            o.SocketDirectory = Path.Combine("/run", "noa-capsules-test");
            o.Policies["registry"] = new EgressPolicyOptions { Allow = ["127.0.0.1:5000"] };
            o.Policies["public"] = new EgressPolicyOptions { Allow = ["*.example.org:443", "localhost:6379"] };
            configure?.Invoke(o);
        }, sandbox => sandbox.StateDirectory = "/run/noa-sandbox-test", images => images.MountDirectory = "/run/noa-images-test");
        builder.Services.AddSingleton(new ActiveModules(gateway ? ["metadata", "gateway", "capsules"] : ["metadata", "capsules"]));
        var app = builder.Build();
        app.MapNoaDefaults();
        app.MapModules();
        await app.StartAsync();
        return new CapsuleHost(app, home);
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task<(string Id, string Key)> CreateKeyAsync(params string[] scopes)
    {
        var response = await Admin.PostAsJsonAsync("/admin/keys", new { name = "test", scopes });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public async Task<List<AuditRecord>> AuditOfAsync(string capsuleId) =>
        (await Audit.QueryAsync(new AuditQuery(Limit: 10_000), CancellationToken.None)).Where(r => r.Subject?.Contains(capsuleId, StringComparison.Ordinal) == true).ToList();

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }
}
