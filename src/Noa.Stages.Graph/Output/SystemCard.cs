using System.Text;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Languages;
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

    /// <summary>The sections, in order (level-2 headings).</summary>
    public static readonly string[] Sections =
    [
        "What it is", "Apps and entry points", "Modules", "Languages and build", "API", "Configuration", "Data stores and external services",
        "Build, run and test", "What the graph could not answer",
    ];

    public static string Render(CardProfile? profile, KnowledgeGraph graph, CardReadme? readme)
    {
        var index = new GraphIndex(graph);
        var apps = CardApps.Of(profile, index, readme);
        var md = new StringBuilder();
        var title = readme?.Title() ?? index.Projects.LastOrDefault(p => GraphIndex.Root(p).Length == 0)?.Name;
        md.Append(title is null ? "# System card\n\n" : $"# System card: {title}\n\n");
        md.Append("Derived only from profile.json (the Classifier), kg.json (the Graph Extract stage) and the README; ");
        md.Append("where they say nothing, the card says so. Paths are relative to the repository root.\n\n");
        WhatItIs(md, profile, readme, apps);
        AppsSection.Write(md, apps, index);
        ModuleDiagram.Write(md, index);
        Languages(md, profile, graph);
        SurfaceSection.WriteApi(md, index, apps);
        SurfaceSection.WriteConfig(md, index, apps);
        SurfaceSection.WriteStores(md, index, apps);
        BuildCommands.Write(md, index, apps);
        CardGaps.Write(md, profile, index, readme, apps);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void WhatItIs(StringBuilder md, CardProfile? profile, CardReadme? readme, IReadOnlyList<CardApp> apps)
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
        else if (readme.FirstList(6) is { Count: > 0 } features)
        {
            md.Append(Md.Code(readme.Path)).Append(" describes itself by a list");
            md.Append(readme.Title() is { } t ? $" under its title, {Md.Code(t)}" : "").Append(":\n\n");
            foreach (var feature in features)
            {
                md.Append("> - ").Append(feature).Append('\n');
            }
            md.Append('\n');
        }
        else
        {
            md.Append(Md.Code(readme.Path)).Append(" has no paragraph that describes the project.\n\n");
        }
        var typed = apps.Where(a => a.Type is not null && a.Entries.Count > 0).ToList();
        if (typed.Count > 0)
        {
            md.Append("- Apps: ").Append(string.Join("; ", typed.Select(a => $"{Md.Code(a.Root)} — {a.Type}"))).Append(" (see Apps and entry points)\n");
        }
        if (profile is null)
        {
            md.Append('\n');
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
}
