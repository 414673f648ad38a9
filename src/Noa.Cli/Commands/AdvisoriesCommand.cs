using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Noa.Hosting;
using Noa.Safety.Vulnerabilities.Store;
using Spectre.Console;

namespace Noa.Cli.Commands;

/// <summary><c>noa advisories import PATH…</c>: fills the offline advisory store the Safety stage matches packages
/// against (OSV JSON files, folders of them, or zip exports such as OSV's per-ecosystem all.zip).</summary>
internal static class AdvisoriesCommand
{
    private static readonly Argument<string[]> Paths = new("path") { Description = "OSV JSON files, folders or zip exports", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Database = new("--db") { Description = "The store (default: Noa:Safety:AdvisoryDatabase, else $NOA_HOME/advisories.db)" };

    public static Command Create()
    {
        var import = new Command("import", "Import OSV advisories into the offline store") { Paths, Database };
        import.SetAction(ImportAsync);
        return new Command("advisories", "The offline vulnerability advisory store") { import };
    }

    private static async Task<int> ImportAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var global = GlobalOptions.From(parse);
        var path = parse.GetValue(Database) ?? DefaultPath(global);
        var missing = parse.GetValue(Paths)!.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            System.Console.Error.WriteLine($"noa: no such file or folder: {string.Join(", ", missing)}");
            return ExitCodes.BadInput;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var store = AdvisoryStore.Open(path);
        var rejected = 0;
        foreach (var source in parse.GetValue(Paths)!)
        {
            var report = await store.ImportAsync(source, cancellationToken);
            rejected += report.Rejected.Count;
            AnsiConsole.MarkupLine($"{Markup.Escape(source)}: [green]{report.Stored:N0} stored[/], {report.Unchanged:N0} unchanged, {report.Rejected.Count:N0} rejected");
            foreach (var reason in report.Rejected.Take(10))
            {
                AnsiConsole.MarkupLine($"  [yellow]{Markup.Escape(reason)}[/]");
            }
        }
        AnsiConsole.MarkupLine($"{Markup.Escape(path)}: {store.Count:N0} advisories, revision {Markup.Escape(store.Revision)}");
        return rejected == 0 ? ExitCodes.Success : ExitCodes.BadInput;
    }

    /// <summary>Where the store lives when not configured: beside the metadata in NOA_HOME.</summary>
    public static string DefaultPath(GlobalOptions global)
    {
        var configuration = new ConfigurationManager();
        NoaHostFactory.Configure(configuration, global, null);
        return configuration["Noa:Safety:AdvisoryDatabase"] ?? Path.Combine(NoaHome.From(configuration).Root, "advisories.db");
    }
}
