using System.Reflection;
using Noa.Cli;
using Noa.Cli.Commands;
using Noa.Cli.Search;

// `noa --version` alone is answered before the verbs are built: building them loads most of the assemblies.
if (args is ["--version"])
{
    Console.WriteLine(typeof(ExitCodes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    return ExitCodes.Success;
}

// So is a plain `noa search QUERY [options]` (SearchCommandLine): anything else it leaves to the full parser.
if (SearchCommandLine.TryParse(args) is { } search)
    return await SearchCommandLine.RunAsync(search);

// And a plain `noa runs list [--state S] [--limit N] [--json]`.
if (RunsList.TryParse(args) is { } runs)
    return await FastCommandLine.RunAsync("runs list", runs.Global, () => RunsList.ListAsync(runs, CancellationToken.None));

// Everything else is System.CommandLine's, in a method of its own: were its types in this method's state machine, even the
// fast paths would load System.CommandLine.
return await FullCommandLine.RunAsync(args);
