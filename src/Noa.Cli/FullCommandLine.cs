using System.CommandLine;
using Noa.Cli.Commands;

namespace Noa.Cli;

/// <summary>Every command line the fast paths in Program.cs leave: the verbs, parsed by System.CommandLine.</summary>
internal static class FullCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("noa — digest any software source into a profile, a knowledge graph, safety verdicts and more.\n" + ExitCodes.Help)
        {
            GlobalOptions.HomeOption,
            GlobalOptions.ConfigOption,
            GlobalOptions.VerboseOption,
        };

        // A command line that starts with a verb builds only that verb: building every verb's options cost a cold `noa search`
        // about a fifth of its time. Anything else (help, a global option first, a typo) gets them all.
        (string Name, Func<Command> Create)[] verbs =
        [
            ("advisories", AdvisoriesCommand.Create),
            ("capsule", CapsuleCommand.Create),
            ("catalog", CatalogCommand.Create),
            ("digest", DigestCommand.Create),
            ("prepare-models", PrepareModelsCommand.Create),
            ("publish", PublishCommand.Create),
            ("pull", PullCommand.Create),
            ("runs", RunsCommand.Create),
            ("search", SearchCommand.Create),
            ("search-resident", SearchResidentCommand.Create),
            ("serve", ServeCommand.Create),
            ("verify", VerifyCommand.Create),
        ];
        var named = verbs.Where(v => args.Length > 0 && v.Name == args[0]).ToArray();
        foreach (var (name, create) in named.Length == 1 ? named : verbs)
        {
            var verb = create();
            if (verb.Name != name)
                throw new InvalidOperationException($"The verb table names '{name}' for the command '{verb.Name}'.");
            root.Subcommands.Add(verb);
        }

        Noa.Cli.Console.RedirectedOutput.ConfigureSpectre();

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // An unknown word also leaves its verb "not provided": say only what was typed wrong.
            var unknown = parse.Errors.Where(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))).ToList();
            foreach (var error in unknown.Count > 0 ? unknown : parse.Errors)
                System.Console.Error.WriteLine($"noa: {error.Message}");
            System.Console.Error.WriteLine("Try 'noa --help'.");
            return ExitCodes.BadInput;
        }
        return await parse.InvokeAsync();
    }
}
