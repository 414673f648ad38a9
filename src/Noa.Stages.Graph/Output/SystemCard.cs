using System.Text;
using Noa.Stages.Graph.Languages;
using Noa.Stages.Graph.Model;
using Noa.Stages.Graph.Output.Card;

namespace Noa.Stages.Graph.Output;

/// <summary>
/// Renders <c>system_card.md</c> from three inputs only: the Classifier's profile, the knowledge graph and the root
/// README's text. Every line states something one of them holds (or that it is missing); the same inputs give the
/// same bytes (ordinal sorts, invariant numbers, no clock).
/// </summary>
internal static class SystemCard
{
    /// <summary>Bundle path of the artifact.</summary>
    public const string BundlePath = "system_card.md";

    public static string Render(CardProfile? profile, KnowledgeGraph graph, CardReadme? readme)
    {
        var index = new GraphIndex(graph);
        var md = new StringBuilder();
        md.Append("# System card\n\n");
        md.Append("Derived only from profile.json (the Classifier), kg.json (the Graph Extract stage) and the README; ");
        md.Append("where they say nothing, the card says so.\n\n");
        WhatItIs(md, profile, readme);
        Languages(md, profile, graph);
        EntryPoints(md, index);
        ModuleDiagram.Write(md, index);
        SurfaceSection.WriteApi(md, index);
        SurfaceSection.WriteConfig(md, index);
        SurfaceSection.WriteStores(md, index);
        BuildCommands.Write(md, profile, index);
        CardGaps.Write(md, profile, index, readme);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void WhatItIs(StringBuilder md, CardProfile? profile, CardReadme? readme)
    {
        md.Append("## What it is\n\n");
        if (readme is null)
        {
            md.Append("No README at the source root (looked for ").Append(string.Join(", ", CardReadme.Names)).Append(").\n\n");
        }
        else if (readme.FirstParagraph() is { } paragraph)
        {
            md.Append("From ").Append(Md.Code(readme.Path)).Append(":\n\n> ").Append(paragraph).Append("\n\n");
        }
        else
        {
            md.Append(Md.Code(readme.Path)).Append(" has no prose paragraph.\n\n");
        }
        if (profile is null)
        {
            return;
        }
        if (profile.ServiceType is { } type)
        {
            md.Append("- Service type (profile): ").Append(Md.Code(type)).Append('\n');
        }
        if (profile.Frameworks.Count > 0)
        {
            md.Append("- Frameworks (profile): ").Append(string.Join(", ", profile.Frameworks.Select(f => $"{f.Name} ({f.Kind})"))).Append('\n');
        }
        md.Append("- Licence (profile): ").Append(profile.License is { } l ? Md.Code(l) : "none identified").Append("\n\n");
    }

    private static void Languages(StringBuilder md, CardProfile? profile, KnowledgeGraph graph)
    {
        md.Append("## Languages and build\n\n");
        if (profile is null)
        {
            md.Append("No profile.json. Files in the graph per language: ")
                .Append(graph.Stats.Languages.Count == 0 ? "none" : string.Join(", ", graph.Stats.Languages.Select(p => $"{p.Key} {Md.N(p.Value)}"))).Append(".\n\n");
            return;
        }
        if (profile.Files.Count > 0)
        {
            md.Append("Files (profile): ").Append(string.Join(", ", profile.Files.Select(f => $"{f.Name} {Md.N(f.Count)}"))).Append(".\n\n");
        }
        if (profile.Languages.Count > 0)
        {
            md.Append("| Language | Type | Files | Share of bytes | Files in the graph |\n|---|---|---|---|---|\n");
            foreach (var l in profile.Languages)
            {
                var inGraph = LanguageSpec.ByLinguistName.TryGetValue(l.Name, out var spec) ? Md.N(graph.Stats.Languages.GetValueOrDefault(spec.Id)) : "not parsed";
                md.Append($"| {Md.Cell(l.Name)} | {l.Type} | {Md.N(l.Files)} | {Md.Percent(l.Share)} | {inGraph} |\n");
            }
            md.Append('\n');
        }
        md.Append(profile.BuildSystems.Count == 0 ? "Build systems (profile): none found.\n\n"
            : "Build systems (profile): " + string.Join(", ", profile.BuildSystems.Select(b => $"{b.Name} ({b.Kind})")) + ".\n\n");
    }

    private static void EntryPoints(StringBuilder md, GraphIndex index)
    {
        md.Append("## Entry points\n\n");
        var lines = new List<string>();
        foreach (var n in index.Graph.Nodes.Where(n => GraphIndex.HasFlag(n, "entry")))
        {
            lines.Add($"- entry {Md.Code(n.Name)} in {Md.Where(n.File, n.Range?.StartLine)}");
        }
        foreach (var n in index.OfKind("command"))
        {
            var where = index.Incoming[n.Id].Where(e => e.Kind == "DEFINES").Select(index.WhereOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            lines.Add($"- command {Md.Code(n.Name)} defined in {(where.Count == 0 ? "—" : Md.List(where, 3))}");
        }
        foreach (var n in index.OfKind("script"))
        {
            lines.Add($"- script {Md.Code(n.Name)}{(n.Properties?.GetValueOrDefault("command") is { } c ? ": " + Md.Code(c) : "")}");
        }
        if (lines.Count == 0)
        {
            md.Append("The graph has no entry points: no `main`, no subcommands, no manifest scripts.\n\n");
            return;
        }
        foreach (var line in lines.Take(SurfaceSection.MaxRows))
        {
            md.Append(line).Append('\n');
        }
        if (lines.Count > SurfaceSection.MaxRows)
        {
            md.Append($"- … and {Md.N(lines.Count - SurfaceSection.MaxRows)} more (in kg.json)\n");
        }
        md.Append('\n');
    }
}
