using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>An app of the card: a folder that is built and started on its own, its type and its entry points.</summary>
/// <param name="Root">Its folder ("." for the repository root).</param>
/// <param name="Name">Its project's name, else its folder's.</param>
/// <param name="Type">cli, http-api, worker, frontend, library … (null when nothing tells).</param>
/// <param name="TypeSource">"profile" (the Classifier's) or what the card inferred it from.</param>
/// <param name="Entries">Its product entry points, primary first.</param>
internal sealed record CardApp(string Root, string Name, string? Type, string TypeSource, IReadOnlyList<KgNode> Entries)
{
    public bool Holds(string path) => GraphIndex.Under(path, Root == "." ? "" : Root);
}

/// <summary>
/// The apps a card describes: the Classifier's (profile.json <c>apps</c>) when it names them; else one per folder
/// that has a product entry point; else the repository as one. Each path belongs to the deepest app holding it.
/// </summary>
internal static class CardApps
{
    public static IReadOnlyList<CardApp> Of(CardProfile? profile, GraphIndex index, CardReadme? readme)
    {
        var entries = index.OfKind("entrypoint").Where(e => GraphIndex.Prop(e, "scope") is "" or Scopes.Product).ToList();
        var roots = profile?.Apps.Count > 0
            ? profile.Apps.Select(a => a.Root).ToList()
            : entries.Select(e => GraphIndex.Prop(e, "app") is { Length: > 0 } app ? app : ".").ToList();
        if (roots.Count == 0)
        {
            roots.Add(".");
        }
        var distinct = roots.Distinct(StringComparer.Ordinal).OrderBy(r => r == "." ? "" : r, StringComparer.Ordinal).ToList();
        var apps = new List<CardApp>();
        foreach (var root in distinct)
        {
            var folder = root == "." ? "" : root;
            // An entry belongs to the deepest app holding it.
            var own = entries.Where(e => Deepest(distinct, e.File ?? "") == root)
                .OrderBy(e => GraphIndex.Prop(e, "role") == "primary" ? 0 : 1).ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
            var project = index.Projects.FirstOrDefault(p => GraphIndex.Root(p) == folder && GraphIndex.Prop(p, "workspace").Length == 0)
                ?? index.Projects.FirstOrDefault(p => GraphIndex.Root(p) == folder);
            var name = project?.Name ?? (folder.Length > 0 ? Path.GetFileName(folder) : readme?.Title() ?? "the repository");
            var declared = profile?.Apps.FirstOrDefault(a => a.Root == root);
            var (type, source) = declared?.Kind is { } kind ? (kind, "profile") : Infer(own, index, folder, distinct, root);
            apps.Add(new CardApp(root, name, type, source, own));
        }
        return apps;
    }

    /// <summary>The app root of <paramref name="path"/> among <paramref name="roots"/>, or null.</summary>
    public static string? Deepest(IEnumerable<string> roots, string path) =>
        roots.Where(r => GraphIndex.Under(path, r == "." ? "" : r)).OrderByDescending(r => r == "." ? 0 : r.Length).FirstOrDefault();

    // What the entry points say the app is: a server (ASGI/WSGI, Spring, a listening Node server, an ASP.NET host or
    // endpoints in its folder) is an http-api; a console script or binary a cli; a .NET worker host or an Aspire app host
    // a worker; a Vite/Next/Angular dev script, Blazor WebAssembly or MAUI a frontend.
    private static (string? Type, string Source) Infer(IReadOnlyList<KgNode> entries, GraphIndex index, string folder, List<string> roots, string root)
    {
        var kinds = entries.Where(e => GraphIndex.Prop(e, "role") == "primary").Select(e => (Kind: GraphIndex.Prop(e, "kind"), Host: GraphIndex.Prop(e, "host"), Entry: e)).ToList();
        if (kinds.Count == 0)
        {
            return (null, "only secondary entry points (scripts, tools)");
        }
        var endpoints = index.OfKind("endpoint").Any(e => e.File is not null && Deepest(roots, e.File) == root && index.IsProduct(e.File));
        if (kinds.Any(k => k.Kind is "asgi" or "wsgi" or "spring-boot" or "node-server" or "django-manage" || k.Host == "web"))
        {
            return ("http-api", "inferred from its entry points");
        }
        if (kinds.Any(k => k.Host is "aspire-apphost"))
        {
            return ("app host", "inferred from its entry points (.NET Aspire)");
        }
        if (kinds.Any(k => k.Host is "worker" or "azure-functions"))
        {
            return ("worker", "inferred from its entry points");
        }
        if (kinds.Any(k => k.Host is "blazor-webassembly" or "maui") || kinds.Any(k => k.Kind == "npm-script" && IsFrontend(index, k.Entry)))
        {
            return ("frontend", "inferred from its entry points");
        }
        if (endpoints)
        {
            return ("http-api", "inferred from its endpoints");
        }
        if (kinds.Any(k => k.Kind is "console-script" or "node-bin" or "rust-bin" or "go-main" or "package-main" or "java-main" or "kotlin-main" or "csharp-main" or "top-level"))
        {
            return ("cli", "inferred from its entry points");
        }
        if (kinds.Any(k => k.Kind == "node-main"))
        {
            return ("library", "inferred from its entry points (a package main)");
        }
        return (null, "no entry point tells");
    }

    private static bool IsFrontend(GraphIndex index, KgNode entry)
    {
        var project = entry.File is null ? null : index.ProjectOf(entry.File);
        var frameworks = project is null ? "" : GraphIndex.Prop(project, "framework");
        return frameworks.Split(' ').Any(f => f is "next" or "nuxt" or "@angular/core" or "react" or "vue" or "svelte" or "@sveltejs/kit" or "vite" or "astro" or "@remix-run/node" or "react-native");
    }
}
