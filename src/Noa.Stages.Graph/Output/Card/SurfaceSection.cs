using System.Text;
using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>The API, configuration, and data stores and services sections: what the product code (not its tests,
/// examples or benchmarks) exposes, reads and talks to, per app when there are several.</summary>
internal static class SurfaceSection
{
    public const int MaxRows = 100;

    /// <summary>An endpoint whose registration names a handler that did not resolve: its EXPOSES edge comes from the
    /// registering definition or file with confidence below 1.</summary>
    public static bool HandlerUnresolved(GraphIndex index, KgNode endpoint) =>
        index.Incoming[endpoint.Id].Any(e => e.Kind == "EXPOSES" && e.Confidence < 1.0);

    public static void WriteApi(StringBuilder md, GraphIndex index, IReadOnlyList<CardApp> apps)
    {
        md.Append("## API\n\n");
        var endpoints = index.OfKind("endpoint").ToList();
        var listed = endpoints.Where(e => index.IsProduct(e.File ?? "")).ToList();
        var others = endpoints.Count - listed.Count;
        if (listed.Count == 0)
        {
            md.Append("The graph has no HTTP endpoints in the product code.\n\n");
        }
        else
        {
            var flows = index.Graph.Flows.GroupBy(f => f.Endpoint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var groups = ByApp(apps, listed, e => e.File ?? "");
            md.Append($"{Md.Count(listed.Count, "endpoint")}{(groups.Count > 1 ? " in " + Md.Count(groups.Count, "app") : "")}, with the full route as registered and the handler it resolved to.\n\n");
            var rows = 0;
            foreach (var (app, items) in groups)
            {
                if (groups.Count > 1)
                {
                    md.Append($"### {Md.Code(app)}\n\n");
                }
                md.Append("| Method | Route | Handler | Where | Reaches (config, stores, services) |\n|---|---|---|---|---|\n");
                foreach (var e in items.OrderBy(e => Prop(e, "route"), StringComparer.Ordinal).ThenBy(e => Prop(e, "method"), StringComparer.Ordinal)
                    .ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Range?.StartLine))
                {
                    if (rows++ >= MaxRows)
                    {
                        continue;
                    }
                    var handler = index.Nodes.GetValueOrDefault(Prop(e, "handler"));
                    var handlerText = HandlerUnresolved(index, e) ? "(unresolved)" : handler is null ? "—" : Md.Code(Qualified(index, handler));
                    var reached = flows.GetValueOrDefault(e.Id)?.SelectMany(f => f.Config.Concat(f.Stores).Concat(f.Services))
                        .Distinct(StringComparer.Ordinal).Select(Md.Code).ToList() ?? [];
                    md.Append($"| {Md.Cell(Prop(e, "method"))} | {Md.CodeCell(Prop(e, "route"))} | {Md.Cell(handlerText)} | " +
                        $"{Md.Cell(Md.Where(e.File, e.Range?.StartLine))} | {Md.Cell(reached.Count == 0 ? "—" : Md.List(reached, 8))} |\n");
                }
                md.Append('\n');
            }
            if (listed.Count > MaxRows)
            {
                md.Append($"… and {Md.Count(listed.Count - MaxRows, "more endpoint")} (in kg.json).\n\n");
            }
        }
        if (others > 0)
        {
            md.Append($"{Md.Count(others, "endpoint")} registered in tests, examples or benchmarks {(others == 1 ? "is" : "are")} not listed.\n\n");
        }
    }

    public static void WriteConfig(StringBuilder md, GraphIndex index, IReadOnlyList<CardApp> apps)
    {
        md.Append("## Configuration\n\n");
        var rows = new List<(string App, KgNode Node, List<string> Where)>();
        var testOnly = 0;
        foreach (var node in index.OfKind("env").Concat(index.OfKind("config")).OrderBy(n => n.Kind, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal))
        {
            var reads = index.Incoming[node.Id].Where(e => e.Kind == "READS_CONFIG").Select(e => (File: index.FileOf(e) ?? "", Where: index.WhereOf(e))).ToList();
            var declared = Prop(node, "declared").Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(d => (File: d[..Math.Max(0, d.LastIndexOf(':'))], Where: d)).ToList();
            var product = reads.Concat(declared).Where(r => index.IsProduct(r.File)).ToList();
            if (product.Count == 0)
            {
                testOnly += reads.Count + declared.Count > 0 ? 1 : 0;
                continue;
            }
            foreach (var group in product.GroupBy(r => CardApps.Deepest(apps.Select(a => a.Root), r.File) ?? "."))
            {
                rows.Add((group.Key, node, group.Select(r => r.Where).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()));
            }
        }
        var cli = index.OfKind("flag").Concat(index.OfKind("command")).Select(n => (Node: n, Where: index.Incoming[n.Id].Where(e => e.Kind == "DEFINES")
            .Where(e => index.IsProduct(index.FileOf(e) ?? "")).Select(index.WhereOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .Where(c => c.Where.Count > 0).ToList();
        if (rows.Count == 0 && cli.Count == 0)
        {
            md.Append("The product code reads no environment variable or configuration key the graph could see, and defines no command-line flag or subcommand.\n\n");
        }
        var groups = rows.GroupBy(r => r.App).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var shown = 0;
        foreach (var group in groups)
        {
            if (groups.Count > 1)
            {
                md.Append($"### {Md.Code(group.Key)}\n\n");
            }
            md.Append("| Name | Kind | Type | Default | Read or declared at |\n|---|---|---|---|---|\n");
            foreach (var (_, node, where) in group)
            {
                if (shown++ >= MaxRows)
                {
                    continue;
                }
                var kind = node.Kind == "env" ? "environment variable" : "configuration key";
                var source = Prop(node, "source");
                md.Append($"| {Md.CodeCell(node.Name)} | {kind}{(source.Length > 0 ? " (" + Md.Cell(source) + ")" : "")} | {Md.Cell(Or(Prop(node, "type")))} | " +
                    $"{Md.Cell(Default(node))} | {Md.Cell(Md.List(where, 3))} |\n");
            }
            md.Append('\n');
        }
        if (rows.Count > MaxRows)
        {
            md.Append($"… and {Md.N(rows.Count - MaxRows)} more (in kg.json).\n\n");
        }
        if (testOnly > 0)
        {
            md.Append($"{Md.Count(testOnly, "variable or key", "variables or keys")} read only by tests, examples or benchmarks {(testOnly == 1 ? "is" : "are")} not listed.\n\n");
        }
        if (cli.Count > 0)
        {
            md.Append("Command line:\n\n| Flag or subcommand | Defined at |\n|---|---|\n");
            foreach (var (node, where) in cli.OrderBy(c => c.Node.Kind, StringComparer.Ordinal).ThenBy(c => c.Node.Name, StringComparer.Ordinal).Take(MaxRows))
            {
                md.Append($"| {(node.Kind == "command" ? "subcommand " : "")}{Md.CodeCell(node.Name)} | {Md.Cell(Md.List(where, 3))} |\n");
            }
            md.Append('\n');
        }
    }

    public static void WriteStores(StringBuilder md, GraphIndex index, IReadOnlyList<CardApp> apps)
    {
        md.Append("## Data stores and external services\n\n");
        var rows = new List<(string App, string Kind, KgNode Node, string Evidence)>();
        foreach (var s in index.OfKind("store"))
        {
            var incoming = index.Incoming[s.Id].Where(e => index.IsProduct(index.FileOf(e) ?? "")).ToList();
            foreach (var group in incoming.GroupBy(e => CardApps.Deepest(apps.Select(a => a.Root), index.FileOf(e) ?? "") ?? "."))
            {
                var importers = group.Where(e => e.Kind == "DEPENDS_ON").Select(e => index.FileOf(e)).Distinct().Count();
                var evidence = $"imported by {Md.Count(importers, "file")}; {Md.Count(group.Count(e => e.Kind == "READS"), "read")}, {Md.Count(group.Count(e => e.Kind == "WRITES"), "write")} (heuristic)";
                rows.Add((group.Key, "data store", s, evidence));
            }
        }
        var hidden = 0;
        foreach (var s in index.OfKind("service"))
        {
            var incoming = index.Incoming[s.Id].Where(e => index.IsProduct(index.FileOf(e) ?? "")).ToList();
            hidden += incoming.Count == 0 ? 1 : 0;
            foreach (var group in incoming.GroupBy(e => CardApps.Deepest(apps.Select(a => a.Root), index.FileOf(e) ?? "") ?? "."))
            {
                rows.Add((group.Key, "external service", s, Md.List(group.Select(index.WhereOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), 3)));
            }
        }
        if (rows.Count == 0)
        {
            md.Append("The product code imports no data store driver and calls no literal host.\n\n");
        }
        else
        {
            var multi = rows.Select(r => r.App).Distinct().Count() > 1;
            md.Append(multi ? "| App | Kind | Name | What | Evidence |\n|---|---|---|---|---|\n" : "| Kind | Name | What | Evidence |\n|---|---|---|---|\n");
            foreach (var (app, kind, node, evidence) in rows.OrderBy(r => r.App, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Node.Name, StringComparer.Ordinal))
            {
                md.Append(multi ? $"| {Md.Code(app)} " : "").Append($"| {kind} | {Md.CodeCell(node.Name)} | {Md.Cell(Prop(node, "description"))} | {Md.Cell(evidence)} |\n");
            }
            md.Append('\n');
        }
        if (hidden > 0)
        {
            md.Append($"{Md.Count(hidden, "host")} named only in tests, examples or benchmarks {(hidden == 1 ? "is" : "are")} not listed.\n\n");
        }
        var packages = index.OfKind("external").Select(n => (Node: n, Importers: index.Incoming[n.Id].Count(e => e.Kind == "IMPORTS" && index.IsProduct(index.FileOf(e) ?? ""))))
            .Where(p => p.Importers > 0).OrderByDescending(p => p.Importers).ThenBy(p => p.Node.Id, StringComparer.Ordinal).ToList();
        if (packages.Count > 0)
        {
            md.Append($"The product code imports {Md.Count(packages.Count, "external module")}; the most imported: ");
            md.Append(Md.List(packages.Select(p => $"{Md.Code(p.Node.Name)} ({Prop(p.Node, "manager")}, {Md.Count(p.Importers, "file")})").ToList(), 15));
            md.Append(".\n\n");
        }
    }

    // Rows grouped by the app holding the file (an app's name is its folder), in folder order.
    private static List<(string App, List<KgNode> Items)> ByApp(IReadOnlyList<CardApp> apps, List<KgNode> items, Func<KgNode, string> path) =>
        items.GroupBy(i => CardApps.Deepest(apps.Select(a => a.Root), path(i)) ?? ".").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.ToList())).ToList();

    // A method with its type: `UsersController.Get`.
    private static string Qualified(GraphIndex index, KgNode handler)
    {
        var parent = index.Incoming[handler.Id].Where(e => e.Kind == "DEFINES").Select(e => index.Nodes.GetValueOrDefault(e.Src))
            .FirstOrDefault(n => n is not null && n.Kind is "class" or "struct" or "record" or "interface" or "trait");
        return parent is null ? handler.Name : $"{parent.Name}.{handler.Name}";
    }

    private static string Default(KgNode node) =>
        Prop(node, "secret") == "true" ? "(secret: not shown)" : node.Properties?.TryGetValue("default", out var d) == true ? (d.Length == 0 ? "(empty)" : Md.Code(d)) : "—";

    private static string Or(string text) => text.Length == 0 ? "—" : text;

    private static string Prop(KgNode node, string key) => GraphIndex.Prop(node, key);
}
