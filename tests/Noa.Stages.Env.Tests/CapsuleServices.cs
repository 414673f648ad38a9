using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Noa.Artifacts.FileSystem;
using Noa.Capsule;
using Noa.EventBus.InProcess;
using Noa.Storage.Sqlite;

namespace Noa.Stages.Env.Tests;

/// <summary>The capsules module as <c>noa serve --target env,capsules</c> composes it: the real bubblewrap sandbox and buildah
/// builder of this host over the embedded stores (the metadata store holds the capsules' audit records).</summary>
internal sealed class CapsuleServices : IAsyncDisposable
{
    private CapsuleServices(IHost host, string home) => (_host, _home) = (host, home);

    private readonly IHost _host;

    private readonly string _home;

    public IServiceProvider Services => _host.Services;

    /// <summary>Why capsules cannot run here (the tools, root, the registry the base images come from), or null.</summary>
    public static string? Unavailable() => SandboxRequirements.Unavailable(SandboxRequirements.CapsuleTools);

    public static async Task<CapsuleServices> StartAsync()
    {
        if (Unavailable() is { } why)
            Requirement.Unmet(why);
        var home = Directory.CreateTempSubdirectory("noa-env-capsules-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddInProcessBus()
            .AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Path.Combine(home, "noa.db")}")
            .AddFileSystemArtifacts(s => s.Root = Path.Combine(home, "artifacts"))
            .AddCapsules(o =>
            {
                o.WorkDirectory = "/run/noa-env-capsules-test-work";
                o.SocketDirectory = "/run/noa-env-capsules-test";
            }, sandbox => sandbox.StateDirectory = "/run/noa-env-sandbox-test", images => images.MountDirectory = "/run/noa-env-images-test");
        var host = builder.Build();
        await host.StartAsync();
        return new CapsuleServices(host, home);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
