using System.Text;
using Noa.Stages.Graph.Languages;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>"What the graph could not answer": every known gap of the inputs, counted.</summary>
internal static class CardGaps
{
    public static void Write(StringBuilder md, CardProfile? profile, GraphIndex index, CardReadme? readme, IReadOnlyList<CardApp> apps)
    {
        md.Append("## What the graph could not answer\n\n");
        var graph = index.Graph;
        var lines = new List<string>();
        if (profile is null)
        {
            lines.Add("There is no profile.json (the Classifier's artifact): languages and build systems are unknown.");
        }
        if (readme is null)
        {
            lines.Add("There is no README at the source root, so what the project is for is not stated.");
        }
        var unresolved = graph.Stats.UnresolvedReferences;
        var resolved = graph.Edges.Count(e => e.Kind is "CALLS" or "REFERENCES");
        if (unresolved > 0)
        {
            lines.Add($"{Md.Count(unresolved, "call or type reference", "calls and type references")} resolved to nothing in the source (library calls, dynamic dispatch), " +
                $"against {Md.Count(resolved, "CALLS or REFERENCES edge", "CALLS and REFERENCES edges")} that did: {Md.Percent((double)unresolved / (unresolved + resolved))} unresolved.");
        }
        var heuristic = graph.Edges.Count(e => e.Provenance == "heuristic");
        if (heuristic > 0)
        {
            lines.Add($"{Md.Count(heuristic, "edge")} {(heuristic == 1 ? "is" : "are")} heuristic (a name match, not resolved through scope and imports).");
        }
        var unparsed = (profile?.Languages ?? []).Where(l => l.Type == "programming" && !LanguageSpec.ByLinguistName.ContainsKey(l.Name)).ToList();
        if (unparsed.Count > 0)
        {
            lines.Add("Languages in the profile that the graph does not parse: " +
                Md.List(unparsed.Select(l => $"{l.Name} ({Md.Count(l.Files, "file")}, {Md.Percent(l.Share)})").ToList(), 10) + ".");
        }
        var partial = graph.Nodes.Where(n => n.Kind == "file" && GraphIndex.HasFlag(n, "partial")).Select(n => Md.Code(n.File!)).ToList();
        if (partial.Count > 0)
        {
            lines.Add($"{Md.Count(partial.Count, "file")} parsed with syntax errors (their facts are partial): {Md.List(partial, 5)}.");
        }
        if (graph.Stats.Skipped.Count > 0)
        {
            lines.Add("Files left out of the graph: " + string.Join(", ", graph.Stats.Skipped.Select(s => $"{s.Key} {Md.N(s.Value)}")) +
                (graph.Skipped.Count > 0 ? "; for example " + Md.List(graph.Skipped.Select(s => $"{Md.Code(s.Path)} ({s.Reason})").ToList(), 5) : "") + ".");
        }
        var endpoints = index.OfKind("endpoint").ToList();
        var noHandler = endpoints.Count(e => SurfaceSection.HandlerUnresolved(index, e));
        if (noHandler > 0)
        {
            lines.Add($"{Md.N(noHandler)} of {Md.Count(endpoints.Count, "endpoint")} {(noHandler == 1 ? "names" : "name")} a handler that did not resolve to a definition, so what {(noHandler == 1 ? "it reaches is" : "they reach is")} not traced.");
        }
        var routesUnknown = endpoints.Count(e => e.Properties?.GetValueOrDefault("method") == "ANY");
        if (routesUnknown > 0)
        {
            lines.Add($"{Md.Count(routesUnknown, "endpoint")} {(routesUnknown == 1 ? "has" : "have")} no HTTP method in the source (shown as ANY).");
        }
        foreach (var task in index.OfKind("task").Where(t => GraphIndex.Prop(t, "missing").Length > 0).OrderBy(t => t.File, StringComparer.Ordinal).ThenBy(t => t.Range?.StartLine).Take(10))
        {
            lines.Add($"{Md.Where(task.File, task.Range?.StartLine)} documents {Md.Code(task.Name)}, which names {Md.Code(GraphIndex.Prop(task, "missing"))}: the source has no such file, so the card does not offer it.");
        }
        var noStart = apps.SelectMany(a => a.Entries).Where(e => GraphIndex.Prop(e, "role") == "primary" && GraphIndex.Prop(e, "command").Length == 0).ToList();
        if (noStart.Count > 0)
        {
            lines.Add($"No documented or conventional command starts {Md.List(noStart.Select(e => Md.Code(e.File ?? e.Name)).ToList(), 5)}.");
        }
        if (profile is { Apps.Count: 0 } && apps.Count > 0 && apps.All(a => a.TypeSource != "profile"))
        {
            lines.Add("profile.json names no apps: the apps above are the folders of the product's entry points, their types inferred from them.");
        }
        if (lines.Count == 0)
        {
            lines.Add("Nothing: every reference resolved, every file parsed, and every endpoint's handler is known.");
        }
        foreach (var line in lines)
        {
            md.Append("- ").Append(line).Append('\n');
        }
        md.Append('\n');
    }
}
