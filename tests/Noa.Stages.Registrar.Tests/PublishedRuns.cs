using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Artifacts.FileSystem;
using Noa.Bundles.OciLayout;
using Noa.Bundles.Registry;
using Noa.Storage.Sqlite;

namespace Noa.Stages.Registrar.Tests;

/// <summary>
/// Real stores for the Registrar: a SQLite run store and a folder artifact store holding runs made of a real npm package's
/// files (the corpus of scripts/corpora.sh) with an Intake-shaped provenance.json; bundle stores of either kind.
/// </summary>
public sealed class PublishedRuns : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("noa-registrar-").FullName;

    public PublishedRuns()
    {
        Runs = new SqliteMetadataStore(Options.Create(new SqliteSettings { ConnectionString = $"Data Source={Path.Combine(_home, "noa.db")}" }),
            NullLogger<SqliteMetadataStore>.Instance);
        Artifacts = new FileSystemArtifactStore(Options.Create(new FileSystemArtifactSettings { Root = Path.Combine(_home, "artifacts") }));
        KeyFile = Path.Combine(_home, "keys", "signing.pem");
    }

    public SqliteMetadataStore Runs { get; }

    public FileSystemArtifactStore Artifacts { get; }

    /// <summary>The signing key (made on first publish).</summary>
    public string KeyFile { get; }

    public string Home => _home;

    /// <summary>The OCI layout store under this home.</summary>
    public IBundleRegistry Layout() =>
        new ServiceCollection().AddOciLayoutBundles(s => s.Root = Path.Combine(_home, "oci")).BuildServiceProvider().GetRequiredService<IBundleRegistry>();

    /// <summary>A store on the registry of scripts/services.sh, or null when it is not reachable.</summary>
    public static IBundleRegistry? Registry(string url = "http://127.0.0.1:5000", int maxAttempts = 3)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = http.GetAsync(url + "/v2/").GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
                return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
        return RegistryAt(url, maxAttempts);
    }

    /// <summary>A store on the registry at <paramref name="url"/>, whether it answers or not.</summary>
    public static IBundleRegistry RegistryAt(string url, int maxAttempts = 3) =>
        new ServiceCollection().AddLogging().AddRegistryBundles(s =>
        {
            (s.Url, s.ChunkThreshold, s.ChunkSize) = (url, 256 * 1024, 128 * 1024);
            (s.MaxAttempts, s.RetryDelay) = (maxAttempts, TimeSpan.FromMilliseconds(5));
        }).BuildServiceProvider().GetRequiredService<IBundleRegistry>();

    public BundlePublisher Publisher(IBundleRegistry store, string? prefix = null, string? keyFile = null, IDeliverableStore? deliverables = null) =>
        new(Runs, Artifacts, store, Runs, Options.Create(new RegistrarOptions
        {
            RepositoryPrefix = prefix ?? $"noa-test-{Guid.NewGuid():N}"[..20], SigningKeyFile = keyFile, DefaultSigningKeyFile = KeyFile,
        }), TimeProvider.System, deliverables);

    /// <summary>A run holding <paramref name="files"/> (bundle path → content) plus a provenance.json naming <paramref name="locator"/>.</summary>
    public async Task<string> AddRunAsync(string locator, IReadOnlyDictionary<string, byte[]> files, string? treeHash = null)
    {
        var runId = "run-" + Guid.NewGuid().ToString("N")[..12];
        var created = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        await Runs.SaveRunAsync(new RunRecord
        {
            RunId = runId, Workflow = "digest", Request = new DigestRequest { Source = locator, RequestedBy = "test" }, State = RunState.Succeeded,
            CreatedAt = created, UpdatedAt = created,
        });
        var tree = treeHash ?? SourceManifest.ComputeTreeHash(files.Select(f => new SourceFile(f.Key, Sha(f.Value), f.Value.LongLength, false)));
        var provenance = JsonSerializer.SerializeToUtf8Bytes(new { version = 1, kind = "folder", locator, treeHash = tree, files = files.Count, requestedBy = "test" });
        await SaveAsync(runId, "provenance.json", provenance, "application/json", "intake");
        foreach (var (path, content) in files)
            await SaveAsync(runId, path, content, MediaTypeOf(path), path.StartsWith("sbom", StringComparison.Ordinal) || path.StartsWith("safety", StringComparison.Ordinal) ? "safety" : "graph");
        return runId;
    }

    /// <summary>Adds an exported image layout to run <paramref name="runId"/> as Env Synthesis keeps one: every file under <c>env/images/APP/</c>.</summary>
    public async Task AddImageAsync(string runId, string app, string layout)
    {
        foreach (var file in Directory.EnumerateFiles(layout, "*", SearchOption.AllDirectories))
        {
            await using var content = File.OpenRead(file);
            var stored = await Artifacts.PutAsync(content);
            var path = $"{EnvImages.Prefix}{app}/{Path.GetRelativePath(layout, file).Replace('\\', '/')}";
            await Runs.SaveArtifactAsync(new RunArtifact(runId, path, stored.Sha256, stored.Size, "application/octet-stream", "env"));
        }
    }

    /// <summary>Every file of one real npm package of the corpus, as bundle files under <c>source/</c>, plus SBOM/SARIF-named files; null when the corpus is absent.</summary>
    public static Dictionary<string, byte[]>? CorpusFiles(string package = "iconv-lite")
    {
        var folder = Corpus(Path.Combine("npm", "node_modules", package));
        if (folder is null)
            return null;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => "source/" + Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        files["sbom.cdx.json"] = """{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[]}"""u8.ToArray();
        files["safety.sarif"] = """{"version":"2.1.0","runs":[]}"""u8.ToArray();
        return files;
    }

    /// <summary>A folder of the corpora, or null.</summary>
    public static string? Corpus(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var path = Path.Combine(dir.FullName, ".cache", "corpora", relative);
                return Directory.Exists(path) || File.Exists(path) ? path : null;
            }
        return null;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }

    private async Task SaveAsync(string runId, string path, byte[] content, string mediaType, string stage)
    {
        var stored = await Artifacts.PutAsync(new MemoryStream(content));
        await Runs.SaveArtifactAsync(new RunArtifact(runId, path, stored.Sha256, stored.Size, mediaType, stage));
    }

    private static string MediaTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".json" => "application/json",
        ".sarif" => "application/sarif+json",
        ".md" => "text/markdown",
        ".js" => "text/javascript",
        _ => "application/octet-stream",
    };

    private static string Sha(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
