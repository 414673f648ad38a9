using System.Text;
using Noa.Stages.Graph.Languages;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>"What the graph could not answer": every known gap of the inputs, counted.</summary>
internal static class CardGaps
{
    public static void Write(StringBuilder md, CardProfile? profile, GraphIndex index, CardReadme? readme)
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
            lines.Add($"{Md.N(unresolved)} calls and type references resolved to nothing in the source (library calls, dynamic dispatch), " +
                $"against {Md.N(resolved)} CALLS and REFERENCES edges that did: {Md.Percent((double)unresolved / (unresolved + resolved))} unresolved.");
        }
        var heuristic = graph.Edges.Count(e => e.Provenance == "heuristic");
        if (heuristic > 0)
        {
            lines.Add($"{Md.N(heuristic)} edges are heuristic (a name match, not resolved through scope and imports).");
        }
        var unparsed = (profile?.Languages ?? []).Where(l => l.Type == "programming" && !LanguageSpec.ByLinguistName.ContainsKey(l.Name)).ToList();
        if (unparsed.Count > 0)
        {
            lines.Add("Languages in the profile that the graph does not parse: " +
                Md.List(unparsed.Select(l => $"{l.Name} ({Md.N(l.Files)} files, {Md.Percent(l.Share)})").ToList(), 10) + ".");
        }
        var partial = graph.Nodes.Where(n => n.Kind == "file" && GraphIndex.HasFlag(n, "partial")).Select(n => Md.Code(n.File!)).ToList();
        if (partial.Count > 0)
        {
            lines.Add($"{Md.N(partial.Count)} files parsed with syntax errors (their facts are partial): {Md.List(partial, 5)}.");
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
            lines.Add($"{Md.N(noHandler)} of {Md.N(endpoints.Count)} endpoints name a handler that did not resolve to a definition, so what they reach is not traced.");
        }
        var routesUnknown = endpoints.Count(e => e.Properties?.GetValueOrDefault("method") == "ANY");
        if (routesUnknown > 0)
        {
            lines.Add($"{Md.N(routesUnknown)} endpoints have no HTTP method in the source (shown as ANY).");
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
