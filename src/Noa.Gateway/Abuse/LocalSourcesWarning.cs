using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Noa.Gateway;

/// <summary>
/// At start, warns when the gateway takes local paths (<see cref="GatewayOptions.AllowLocalSources"/>) but this process's
/// configuration names no <c>Noa:Intake:AllowedFileRoots</c>: every caller with <c>digest:write</c> can then have
/// Intake read any file this host's user can (the Intake workers of a split topology must set it themselves).
/// </summary>
internal sealed partial class LocalSourcesWarning(IOptions<GatewayOptions> gateway, IOptions<IntakeRoots> intake, ILogger<LocalSourcesWarning> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (gateway.Value.AllowLocalSources && intake.Value.AllowedFileRoots is not { Count: > 0 })
            Log.LocalSourcesWithoutRoots(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(LogEvents.LocalSourcesWithoutRoots, LogLevel.Warning,
            "Noa:Gateway:AllowLocalSources is on but Noa:Intake:AllowedFileRoots is empty: any caller with digest:write can make Intake read any local file this process can; set AllowedFileRoots to the folders sources may come from")]
        public static partial void LocalSourcesWithoutRoots(ILogger logger);
    }
}
