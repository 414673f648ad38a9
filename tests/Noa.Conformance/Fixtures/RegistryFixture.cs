using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Bundles.Registry;

namespace Noa.Conformance;

/// <summary>
/// Stores on the OCI registry of <c>NOA_TEST_REGISTRY</c> (default: the distribution registry scripts/services.sh starts on
/// 127.0.0.1:5000); every test uses repositories of its own.
/// </summary>
public sealed class RegistryFixture : IBundleRegistryFixture, IAsyncLifetime, IDisposable
{
    private readonly TempFolder _state = new("noa-uploads");

    /// <summary>Reads the registry address.</summary>
    public RegistryFixture()
    {
        var configured = Environment.GetEnvironmentVariable("NOA_TEST_REGISTRY");
        Url = string.IsNullOrEmpty(configured) ? "http://127.0.0.1:5000" : configured;
    }

    /// <summary>The registry's address.</summary>
    public string Url { get; }

    /// <summary>The folder recording uploads in progress, shared by every store of the fixture (as by the processes of one host); made by the first chunked upload.</summary>
    public string UploadStateFolder => Path.Combine(_state.Path, "uploads");

    /// <inheritdoc />
    public string? Unavailable { get; private set; }

    /// <inheritdoc />
    public ReferrersMode ExpectedReferrersMode { get; private set; } = ReferrersMode.TagScheme;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(Url + "/v2/");
            if (!response.IsSuccessStatusCode)
                Unavailable = $"the OCI registry at {Url} answered /v2/ with {(int)response.StatusCode}";
            // Debian's docker-registry (distribution 2.x) has no Referrers API; a newer registry (NOA_TEST_REGISTRY) may.
            using var probe = await http.GetAsync($"{Url}/v2/noa-probe/referrers/{OciDigest.EmptyConfig.Digest}");
            ExpectedReferrersMode = probe.IsSuccessStatusCode ? ReferrersMode.Api : ReferrersMode.TagScheme;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Unavailable = $"the OCI registry is not reachable at {Url} ({e.Message})";
        }
    }

    /// <inheritdoc />
    public IBundleRegistry Create(long chunkThreshold = 16L * 1024 * 1024) => Create(new RegistrySettings
    {
        Url = Url, ChunkThreshold = chunkThreshold, ChunkSize = 64 * 1024, UploadStateFolder = UploadStateFolder,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    });

    /// <summary>A store with the given settings.</summary>
    public static IBundleRegistry Create(RegistrySettings settings) =>
        new RegistryStore(Options.Create(settings), TimeProvider.System, NullLogger<RegistryStore>.Instance);

    /// <summary>A store with the given settings whose requests also pass through <paramref name="outer"/> (to count them).</summary>
    public static IBundleRegistry Create(RegistrySettings settings, DelegatingHandler outer) =>
        new RegistryStore(Options.Create(settings), TimeProvider.System, NullLogger<RegistryStore>.Instance, outer);

    /// <inheritdoc />
    public string[] Skopeo(string repository, string tag) => ["--tls-verify=false", $"docker://{new Uri(Url).Authority}/{repository}:{tag}"];

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _state.Dispose();
}
