using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Bundles.Registry;

namespace Noa.Conformance;

/// <summary>
/// A private distribution registry (the <c>docker-registry</c> scripts/services.sh installs) on a free port that wants
/// credentials: the shared one on 5000 wants none. Subclasses say how (htpasswd, or tokens from a token service) and
/// how a store authenticates by default.
/// </summary>
public abstract class AuthRegistryFixture : IBundleRegistryFixture, IAsyncLifetime, IDisposable
{
    /// <summary>The user the registry (or its token service) admits.</summary>
    public const string User = "noa-pusher";

    private const string Secret = "correct-horse-7";
    private Process? _registry;

    /// <summary>A folder of the fixture's own (configuration, storage, secret files).</summary>
    protected TempFolder Folder { get; } = new("noa-auth-registry");

    /// <summary>The registry's address.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The registry's host:port.</summary>
    public string Authority => new Uri(Url).Authority;

    /// <summary>A file holding the right password.</summary>
    public string PasswordFile => WriteSecret("password", Secret);

    /// <inheritdoc />
    public string? Unavailable { get; private set; }

    /// <inheritdoc />
    public ReferrersMode ExpectedReferrersMode => ReferrersMode.TagScheme;

    /// <summary>The password (for an independent client's <c>--creds</c>).</summary>
    protected static string Password => Secret;

    /// <summary>The <c>auth:</c> section of the registry's configuration.</summary>
    protected abstract Task<string> StartAuthAsync();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var executable = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "docker-registry")).FirstOrDefault(File.Exists);
        if (executable is null)
        {
            Unavailable = "docker-registry is not installed (scripts/services.sh installs it)";
            return;
        }
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        var config = Path.Combine(Folder.Path, "registry.yml");
        await File.WriteAllTextAsync(config, $$"""
            version: 0.1
            log: { level: warn }
            storage:
              filesystem: { rootdirectory: {{Path.Combine(Folder.Path, "storage")}} }
            http: { addr: 127.0.0.1:{{Text(port)}} }
            {{await StartAuthAsync()}}
            """);
        _registry = Process.Start(new ProcessStartInfo(executable, ["serve", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        _registry.OutputDataReceived += (_, _) => { };
        _registry.ErrorDataReceived += (_, _) => { };
        _registry.BeginOutputReadLine();
        _registry.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(Url + "/v2/");
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                    return;
                Unavailable = $"the private registry at {Url} answered /v2/ without credentials with {(int)response.StatusCode}, not 401";
                return;
            }
            catch (HttpRequestException) when (!_registry.HasExited)
            {
                await Task.Delay(100);
            }
        }
        Unavailable = $"the private registry did not start at {Url} (exited: {_registry.HasExited})";
    }

    /// <inheritdoc />
    public IBundleRegistry Create(long chunkThreshold = 16L * 1024 * 1024) => Create(Authenticate, chunkThreshold);

    /// <summary>A store whose authentication settings <paramref name="authenticate"/> sets (none when it sets none).</summary>
    public IBundleRegistry Create(Action<RegistrySettings> authenticate, long chunkThreshold = 16L * 1024 * 1024, TimeProvider? time = null)
    {
        var settings = new RegistrySettings
        {
            Url = Url, ChunkThreshold = chunkThreshold, ChunkSize = 64 * 1024, RetryDelay = TimeSpan.FromMilliseconds(10),
            UploadStateFolder = Path.Combine(Folder.Path, "uploads"),
        };
        authenticate(settings);
        return new RegistryStore(Options.Create(settings), time ?? TimeProvider.System, NullLogger<RegistryStore>.Instance);
    }

    /// <summary>The default authentication: the user and the password file.</summary>
    public void Authenticate(RegistrySettings settings) => (settings.Username, settings.PasswordFile) = (User, PasswordFile);

    /// <summary>Writes a secret file of the fixture (a trailing line break, as <c>echo</c> leaves).</summary>
    public string WriteSecret(string name, string content)
    {
        var path = Path.Combine(Folder.Path, name);
        File.WriteAllText(path, content + "\n");
        return path;
    }

    /// <inheritdoc />
    public string[] Skopeo(string repository, string tag) =>
        ["--tls-verify=false", "--creds", $"{User}:{Secret}", $"docker://{Authority}/{repository}:{tag}"];

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        if (_registry is { HasExited: false })
        {
            _registry.Kill();
            _registry.WaitForExit(5000);
        }
        _registry?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A TCP port nobody listens on now.</summary>
    protected static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An invariant integer.</summary>
    protected static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
