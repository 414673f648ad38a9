using System.CommandLine;
using Noa.Cli.Search;
using Noa.Hosting;

namespace Noa.Cli.Commands;

/// <summary>
/// <c>noa search-resident</c> (hidden; started by <c>noa search</c>): the resident search process of a home
/// (<see cref="ResidentSearchServer"/>).
/// </summary>
internal static class SearchResidentCommand
{
    public static Command Create()
    {
        var command = new Command("search-resident", "Answer searches of this home on its socket until idle (started by 'noa search')") { Hidden = true };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var global = GlobalOptions.From(parse);
            // Read as the CLI reads them (CliSettings), so that both sides digest the same settings.
            var configuration = CliSettings.Read(global);
            var (settings, errors) = ResidentSearchSettings.From(configuration);
            if (OperatingSystem.IsWindows())
                errors = [.. errors, "the resident search process needs Unix sockets and file modes (Linux, macOS)"];
            if (settings is null || OperatingSystem.IsWindows())
            {
                await System.Console.Error.WriteLineAsync($"noa: {string.Join("; ", errors)}");
                return ExitCodes.BadInput;
            }
            return await new ResidentSearchServer(NoaHome.From(configuration["Noa:Home"]).Root, global, configuration, settings).RunAsync(cancellationToken);
        });
        return command;
    }
}
