using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using Noa.Hosting;

namespace Noa.Deploy.Tests;

/// <summary>What the <c>noa</c> executable really accepts: its module catalogue and its <c>serve</c> command, taken
/// from the Noa.Cli assembly (both are internal there, so by reflection rather than a copy).</summary>
internal static partial class NoaCode
{
    private static readonly Assembly Cli = Assembly.Load("noa");

    public static ModuleCatalogue Catalogue { get; } =
        (ModuleCatalogue)Cli.GetType("Noa.Cli.Modules", throwOnError: true)!
            .GetProperty("Catalogue", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The pipeline stages: the modules of the <c>workers</c> group, each a worker of <c>tasks.{name}</c>.</summary>
    public static IReadOnlyList<string> Stages { get; } =
        [.. Catalogue.Modules.Single(m => m.Name == "workers").Dependencies.Order(StringComparer.Ordinal)];

    /// <summary>Provider keys and their choices, as the catalogue states them (<c>Noa:Bus:Provider: inprocess | redis | nats</c>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ProviderKeys { get; } =
        Catalogue.Modules
            .SelectMany(m => ProviderChoice().Matches(m.Description))
            .ToDictionary(m => m.Groups["key"].Value, m => (IReadOnlyList<string>)m.Groups["choices"].Value.Split(" | "), StringComparer.OrdinalIgnoreCase);

    private static readonly Command Serve = (Command)Cli.GetType("Noa.Cli.Commands.ServeCommand", throwOnError: true)!
        .GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;

    /// <summary>Parses <c>serve …</c> arguments with the real command; errors name what it refused.</summary>
    public static ServeArgs ParseServe(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "serve")
            return new ServeArgs(null, null, [$"the command is not 'noa serve …' but '{string.Join(' ', args)}'"]);
        var parse = Serve.Parse([.. args.Skip(1)]);
        var errors = parse.Errors.Select(e => e.Message).ToList();
        if (!args.Contains("--target") && !args.Contains("-t"))
            errors.Add("no --target (the default, all, is not a split topology)");
        if (!args.Contains("--urls"))
            errors.Add("no --urls (the default listens on 127.0.0.1 only, unreachable from outside the container)");
        return new ServeArgs(parse.GetValue<string>("--target"), parse.GetValue<string>("--urls"), errors);
    }

    /// <summary>The modules a target list starts, or the catalogue's refusal.</summary>
    public static (IReadOnlyList<string> Modules, string? Error) Resolve(string targets)
    {
        try
        {
            return ([.. Catalogue.Resolve(targets).Select(m => m.Name)], null);
        }
        catch (TargetResolutionException e)
        {
            return ([], e.Message);
        }
    }

    [GeneratedRegex(@"(?<key>Noa(?::[A-Za-z]+)+:Provider): (?<choices>[a-z0-9-]+(?: \| [a-z0-9-]+)*)")]
    private static partial Regex ProviderChoice();
}
