using System.Text;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>"Apps and entry points": each app with its type and every product entry point — what it is, the evidence,
/// and the command that starts it (the documented one with where it is written, else the ecosystem's convention).
/// Entry points of tests, examples and benchmarks are counted, not listed.</summary>
internal static class AppsSection
{
    public const int MaxSecondary = 8;

    private static readonly Dictionary<string, string> KindNames = new(StringComparer.Ordinal)
    {
        ["asgi"] = "ASGI application", ["wsgi"] = "WSGI application", ["spring-boot"] = "Spring Boot application",
        ["django-manage"] = "Django manage.py", ["node-server"] = "Node server", ["top-level"] = "C# top-level statements",
        ["csharp-main"] = "C# Main", ["console-script"] = "console script", ["node-bin"] = "npm bin", ["rust-bin"] = "Cargo binary",
        ["go-main"] = "Go main package", ["java-main"] = "Java main", ["kotlin-main"] = "Kotlin main", ["package-main"] = "`python -m` package",
        ["node-main"] = "package main module", ["npm-script"] = "npm script", ["python-main"] = "Python script", ["rust-main"] = "Rust main",
    };

    private static readonly Dictionary<string, string> HostNames = new(StringComparer.Ordinal)
    {
        ["web"] = "ASP.NET Core web host", ["worker"] = "generic host", ["aspire-apphost"] = ".NET Aspire app host",
        ["blazor-webassembly"] = "Blazor WebAssembly", ["maui"] = ".NET MAUI app", ["azure-functions"] = "Azure Functions",
    };

    public static void Write(StringBuilder md, IReadOnlyList<CardApp> apps, GraphIndex index)
    {
        md.Append("## Apps and entry points\n\n");
        var entries = apps.SelectMany(a => a.Entries).ToList();
        var others = index.OfKind("entrypoint").Where(e => GraphIndex.Prop(e, "scope") is not ("" or Scopes.Product)).ToList();
        if (entries.Count == 0)
        {
            md.Append("The graph found no entry point of the product: no `main`, no application object or server, no console script, bin or start script.");
            md.Append(others.Count > 0 ? $" (It found {Others(others)}.)\n\n" : "\n\n");
            return;
        }
        var primary = entries.Count(e => GraphIndex.Prop(e, "role") == "primary");
        md.Append($"{Md.Count(apps.Count(a => a.Entries.Count > 0), "app")} with {Md.Count(entries.Count, "entry point")} ({Md.N(primary)} primary: the ways in a README, Procfile, Dockerfile or manifest names, ");
        md.Append("application objects and servers, programs' mains; secondary: scripts and tools).\n\n");
        md.Append("| App | Type | Entry point | Kind | Evidence | Start with |\n|---|---|---|---|---|---|\n");
        foreach (var app in apps.Where(a => a.Entries.Count > 0))
        {
            var first = true;
            var secondary = app.Entries.Where(e => GraphIndex.Prop(e, "role") != "primary").ToList();
            foreach (var e in app.Entries.Where(e => GraphIndex.Prop(e, "role") == "primary").Concat(secondary.Take(MaxSecondary)))
            {
                var appCell = first ? $"{Md.Code(app.Root)} ({Md.Cell(app.Name)})" : "";
                var typeCell = first ? app.Type is null ? "—" : $"{app.Type} ({app.TypeSource})" : "";
                first = false;
                md.Append($"| {appCell} | {Md.Cell(typeCell)} | {Md.Cell(EntryText(e))} | {Md.Cell(KindText(e))} | {Md.Cell(Evidence(e))} | {Md.Cell(Start(e))} |\n");
            }
            if (secondary.Count > MaxSecondary)
            {
                md.Append($"| | | … and {Md.Count(secondary.Count - MaxSecondary, "more secondary entry point")} (in kg.json) | | | |\n");
            }
        }
        md.Append('\n');
        if (others.Count > 0)
        {
            md.Append($"Not the product's: {Others(others)} (in kg.json).\n\n");
        }
    }

    private static string EntryText(KgNode e)
    {
        var name = e.Name;
        var file = Path.GetFileName(e.File ?? "");
        var where = Md.Where(e.File, e.Range?.StartLine);
        return name == file || string.IsNullOrEmpty(name) ? where : $"{Md.Code(name)} in {where}";
    }

    private static string KindText(KgNode e)
    {
        var kind = GraphIndex.Prop(e, "kind");
        var text = KindNames.GetValueOrDefault(kind, kind);
        return HostNames.TryGetValue(GraphIndex.Prop(e, "host"), out var host) ? $"{text} ({host})" : text;
    }

    private static string Evidence(KgNode e)
    {
        var evidence = GraphIndex.Prop(e, "evidence");
        var documented = GraphIndex.Prop(e, "documented").Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Where(d => !d.Contains("package.json:", StringComparison.Ordinal)).ToList();
        return documented.Count == 0 ? evidence : $"{evidence}; started in {Md.List(documented, 3)}";
    }

    private static string Start(KgNode e)
    {
        var command = GraphIndex.Prop(e, "command");
        if (command.Length == 0)
        {
            return "— (no documented command and no convention)";
        }
        var cwd = GraphIndex.Prop(e, "cwd");
        var source = GraphIndex.Prop(e, "commandSource");
        var where = cwd is "" or "." ? "" : $"in {Md.Code(cwd)}, ";
        return $"{Md.Code(command)} ({where}{(source is "convention" or "" ? "convention" : "from " + source)})";
    }

    private static string Others(List<KgNode> others) =>
        string.Join(", ", others.GroupBy(o => GraphIndex.Prop(o, "scope")).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{Md.Count(g.Count(), ScopeNoun(g.Key))} ({Md.List(g.Select(o => Md.Code(o.File ?? o.Name)).Distinct().ToList(), 3)})"));

    private static string ScopeNoun(string scope) => scope switch
    {
        Scopes.Test => "test program",
        Scopes.Fixture => "test fixture program",
        Scopes.Example => "example",
        Scopes.Benchmark => "benchmark",
        Scopes.Documentation => "documentation script",
        _ => scope + " entry point",
    };
}
