using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Noa.Gateway.Tests;

public sealed class LocalSourcesWarningTests
{
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public async Task Start_LocalSourcesWithoutRoots_Warns(bool allowLocalSources, bool roots, bool warned)
    {
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?> { ["Noa:Gateway:AllowLocalSources"] = allowLocalSources ? "true" : "false" };
        if (roots)
            settings["Noa:Intake:AllowedFileRoots:0"] = Path.GetTempPath();
        await using (var host = await GatewayHost.StartAsync(workers: false, settings: settings, services: s => s.AddSingleton<ILoggerProvider>(logs)))
        {
        }

        var warnings = logs.Entries.Where(e => e.Id.Id == LogEvents.LocalSourcesWithoutRoots).ToList();
        Assert.Equal(warned ? 1 : 0, warnings.Count);
        Assert.All(warnings, w =>
        {
            Assert.Equal(LogLevel.Warning, w.Level);
            Assert.Contains("AllowedFileRoots", w.Message, StringComparison.Ordinal);
        });
    }
}
