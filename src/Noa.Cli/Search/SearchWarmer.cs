using Noa.Embeddings.Search;
using Noa.Hosting;

namespace Noa.Cli.Search;

/// <summary>
/// <c>noa digest</c>'s part in a warm first search: once the run is usable, the resident search process of its home is asked
/// (or started, <see cref="ResidentSearchClient.WarmAsync"/>) when <see cref="ResidentSearchSettings.WarmsAfterDigest"/> says so
/// and the run embeds. Once per run; a failure here costs only the warm start, never the digest.
/// </summary>
internal sealed class SearchWarmer(GlobalOptions global, IReadOnlyList<string>? only)
{
    private Task? _started;

    /// <summary>Whether the digest's progress is on a terminal (<c>auto</c> warms only then).</summary>
    public bool Terminal { get; set; }

    /// <summary>The run is usable (or has ended well): warm the resident process, once.</summary>
    public void Usable()
    {
        if (_started is not null || (only is not null && !only.Contains("embeddings", StringComparer.OrdinalIgnoreCase)))
            return;
        _started = WarmAsync();
    }

    /// <summary>Waits until the warm-up has asked or started the resident process (not for it to load).</summary>
    public Task StartedAsync() => _started ?? Task.CompletedTask;

    private async Task WarmAsync()
    {
        await Task.Yield(); // off the progress view's loop
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            var configuration = CliSettings.Read(global);
            var (settings, _) = ResidentSearchSettings.From(configuration);
            if (settings is null || !settings.WarmsAfterDigest(Terminal))
                return;
            var home = NoaHome.From(configuration["Noa:Home"]).Root;
            var probe = new ResidentSearchRequest(ResidentSearchProtocol.Build(), ResidentSearchProtocol.Settings(configuration), new SearchQuery("warm up", 1));
            await ResidentSearchClient.WarmAsync(home, global, probe, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong, the digest's outcome stands: the first search starts the process instead, as without this.
        }
    }
}
