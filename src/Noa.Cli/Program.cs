using System.CommandLine;
using System.Reflection;
using Noa.Cli;
using Noa.Cli.Commands;

// `noa --version` alone is answered before the verbs are built: building them loads most of the assemblies.
if (args is ["--version"])
{
    Console.WriteLine(typeof(ExitCodes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    return ExitCodes.Success;
}

var root = new RootCommand("noa — digest any software source into a profile, a knowledge graph, safety verdicts and more.\n" + ExitCodes.Help)
{
    GlobalOptions.HomeOption,
    GlobalOptions.ConfigOption,
    GlobalOptions.VerboseOption,
    AdvisoriesCommand.Create(),
    CapsuleCommand.Create(),
    CatalogCommand.Create(),
    DigestCommand.Create(),
    PrepareModelsCommand.Create(),
    PublishCommand.Create(),
    PullCommand.Create(),
    RunsCommand.Create(),
    SearchCommand.Create(),
    SearchResidentCommand.Create(),
    ServeCommand.Create(),
    VerifyCommand.Create(),
};

if (Console.IsOutputRedirected)
    Spectre.Console.AnsiConsole.Profile.Width = 160; // logs and pipes: no wrapping at 80 columns

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // An unknown word also leaves its verb "not provided": say only what was typed wrong.
    var unknown = parse.Errors.Where(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))).ToList();
    foreach (var error in unknown.Count > 0 ? unknown : parse.Errors)
        Console.Error.WriteLine($"noa: {error.Message}");
    Console.Error.WriteLine("Try 'noa --help'.");
    return ExitCodes.BadInput;
}
return await parse.InvokeAsync();
