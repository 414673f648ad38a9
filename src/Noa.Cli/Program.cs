using System.CommandLine;
using Noa.Cli;
using Noa.Cli.Commands;

var root = new RootCommand("noa — digest any software source into a profile, a knowledge graph, safety verdicts and more.\n" + ExitCodes.Help)
{
    GlobalOptions.HomeOption,
    GlobalOptions.ConfigOption,
    GlobalOptions.VerboseOption,
    AdvisoriesCommand.Create(),
    CapsuleCommand.Create(),
    DigestCommand.Create(),
    RunsCommand.Create(),
    SearchCommand.Create(),
    ServeCommand.Create(),
};

if (Console.IsOutputRedirected)
    Spectre.Console.AnsiConsole.Profile.Width = 160; // logs and pipes: no wrapping at 80 columns

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"noa: {error.Message}");
    Console.Error.WriteLine("Try 'noa --help'.");
    return ExitCodes.BadInput;
}
return await parse.InvokeAsync();
