using System.Text;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>The API surface, config surface, and data stores and external services sections.</summary>
internal static class SurfaceSection
{
    public const int MaxRows = 100;

    /// <summary>An endpoint whose registration names a handler that did not resolve: its EXPOSES edge comes from the
    /// registering definition or file with confidence below 1.</summary>
    public static bool HandlerUnresolved(GraphIndex index, KgNode endpoint) =>
        index.Incoming[endpoint.Id].Any(e => e.Kind == "EXPOSES" && e.Confidence < 1.0);

    public static void WriteApi(StringBuilder md, GraphIndex index)
    {
        md.Append("## API surface\n\n");
        var endpoints = index.OfKind("endpoint").ToList();
        var listed = endpoints.Where(e => !index.IsTestFile(e.File ?? "")).OrderBy(e => Prop(e, "route"), StringComparer.Ordinal)
            .ThenBy(e => Prop(e, "method"), StringComparer.Ordinal).ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Range?.StartLine).ToList();
        var inTests = endpoints.Count - listed.Count;
        if (listed.Count == 0)
        {
            md.Append("The graph has no HTTP endpoints outside test files.\n\n");
        }
        else
        {
            var flows = index.Graph.Flows.GroupBy(f => f.Endpoint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            md.Append("| Method | Route | Handler | Where | Reaches (config, stores, services) |\n|---|---|---|---|---|\n");
            foreach (var e in listed.Take(MaxRows))
            {
                var handler = index.Nodes.GetValueOrDefault(Prop(e, "handler"));
                var handlerText = HandlerUnresolved(index, e) ? "(unresolved)" : handler is null ? "—" : Md.Code(handler.Name);
                var reached = flows.GetValueOrDefault(e.Id)?.SelectMany(f => f.Config.Concat(f.Stores).Concat(f.Services))
                    .Distinct(StringComparer.Ordinal).Select(Md.Code).ToList() ?? [];
                md.Append($"| {Md.Cell(Prop(e, "method"))} | {Md.CodeCell(Prop(e, "route"))} | {Md.Cell(handlerText)} | " +
                    $"{Md.Cell(Md.Where(e.File, e.Range?.StartLine))} | {Md.Cell(reached.Count == 0 ? "—" : Md.List(reached, 8))} |\n");
            }
            md.Append('\n');
            if (listed.Count > MaxRows)
            {
                md.Append($"… and {Md.N(listed.Count - MaxRows)} more endpoints (in kg.json).\n\n");
            }
        }
        if (inTests > 0)
        {
            md.Append($"{Md.N(inTests)} endpoints registered in test files are not listed.\n\n");
        }
    }

    public static void WriteConfig(StringBuilder md, GraphIndex index)
    {
        md.Append("## Config surface\n\n");
        var rows = new List<(string Kind, KgNode Node, string Verb)>();
        foreach (var (kind, verb) in new[] { ("env", "environment variable"), ("config", "configuration key"), ("flag", "command-line flag"), ("command", "subcommand") })
        {
            rows.AddRange(index.OfKind(kind).OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => (kind, n, verb)));
        }
        if (rows.Count == 0)
        {
            md.Append("The graph has no environment variables, configuration keys, command-line flags or subcommands.\n\n");
            return;
        }
        md.Append("| Kind | Name | Read or defined at |\n|---|---|---|\n");
        foreach (var (_, node, verb) in rows.Take(MaxRows))
        {
            var where = index.Incoming[node.Id].Where(e => e.Kind is "READS_CONFIG" or "DEFINES").Select(index.WhereOf)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            md.Append($"| {verb} | {Md.CodeCell(node.Name)} | {Md.Cell(where.Count == 0 ? "—" : Md.List(where, 3))} |\n");
        }
        md.Append('\n');
        if (rows.Count > MaxRows)
        {
            md.Append($"… and {Md.N(rows.Count - MaxRows)} more (in kg.json).\n\n");
        }
    }

    public static void WriteStores(StringBuilder md, GraphIndex index)
    {
        md.Append("## Data stores and external services\n\n");
        var stores = index.OfKind("store").ToList();
        // A host named only in test files is a fixture, not a dependency: counted, not listed.
        var allServices = index.OfKind("service").ToList();
        var services = allServices.Where(s => index.Incoming[s.Id].Any(e => !index.IsTestFile(index.Nodes.GetValueOrDefault(e.Src)?.File ?? ""))).ToList();
        if (stores.Count + services.Count == 0)
        {
            md.Append("The graph has no data store drivers imported and no HTTP calls to literal hosts outside test files.\n\n");
        }
        else
        {
            md.Append("| Kind | Name | What | Evidence |\n|---|---|---|---|\n");
            foreach (var s in stores)
            {
                var incoming = index.Incoming[s.Id].ToList();
                var evidence = $"imported by {Md.N(incoming.Count(e => e.Kind == "DEPENDS_ON"))} files; " +
                    $"{Md.N(incoming.Count(e => e.Kind == "READS"))} reads, {Md.N(incoming.Count(e => e.Kind == "WRITES"))} writes (heuristic)";
                md.Append($"| data store | {Md.CodeCell(s.Name)} | {Md.Cell(Prop(s, "description"))} | {Md.Cell(evidence)} |\n");
            }
            foreach (var s in services)
            {
                var where = index.Incoming[s.Id].Select(index.WhereOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                md.Append($"| external service | {Md.CodeCell(s.Name)} | {Md.Cell(Prop(s, "description"))} | {Md.Cell(Md.List(where, 3))} |\n");
            }
            md.Append('\n');
        }
        if (allServices.Count > services.Count)
        {
            md.Append($"{Md.N(allServices.Count - services.Count)} hosts named only in test files are not listed.\n\n");
        }
        var packages = index.OfKind("external").Select(n => (Node: n, Importers: index.Incoming[n.Id].Count(e => e.Kind == "IMPORTS")))
            .OrderByDescending(p => p.Importers).ThenBy(p => p.Node.Id, StringComparer.Ordinal).ToList();
        if (packages.Count > 0)
        {
            md.Append($"{Md.N(packages.Count)} external modules are imported; the most imported: ");
            md.Append(Md.List(packages.Select(p => $"{Md.Code(p.Node.Name)} ({Prop(p.Node, "manager")}, {Md.N(p.Importers)} files)").ToList(), 15));
            md.Append(".\n\n");
        }
    }

    private static string Prop(KgNode node, string key) => node.Properties?.GetValueOrDefault(key) ?? "";
}
