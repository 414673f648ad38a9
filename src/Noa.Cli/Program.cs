using System.Reflection;
using Noa.Cli;
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

// Everything else is System.CommandLine's, in a method of its own: were its types in this method's state machine, even the
// fast paths would load System.CommandLine.
return await FullCommandLine.RunAsync(args);
