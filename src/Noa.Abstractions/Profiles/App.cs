namespace Noa.Abstractions.Profiles;

/// <summary>
/// One app of the repository: a unit with its own manifest (a package, module, crate, project) in product scope. A monorepo
/// has several (a backend API and a frontend SPA are two apps). Env Synthesis plans per app.
/// </summary>
/// <param name="Name">The manifest's name (package, module, crate, project), else the folder's.</param>
/// <param name="Root">Folder relative to the repository root, <c>.</c> for the root itself.</param>
/// <param name="Kind">service (serves HTTP or RPC), web-app (runs in a browser, or renders pages for one), worker (consumes a queue or runs
/// in the background), cli, library, desktop, mobile, or app-host (starts and wires the other apps, e.g. a .NET Aspire AppHost).</param>
/// <param name="Language">The most used programming language (linguist name) of the app's own product files; null when it has none.</param>
/// <param name="Frameworks">Ids of the frameworks (<see cref="Profile.Frameworks"/>) the app's manifests or sources show, sorted.</param>
/// <param name="Builds">The app's build: the primary one first (the manifest of its language), then any other in the same folder.</param>
/// <param name="Workspace">Root of the workspace the app is a member of (<see cref="Workspace.Root"/>), or null.</param>
/// <param name="Confidence">Of <paramref name="Kind"/>: score / (score + the best other kind's score + 1), 2 decimals.</param>
/// <param name="Evidence">What decided the kind, at most a few entries.</param>
public sealed record App(
    string Name,
    string Root,
    string Kind,
    string? Language,
    IReadOnlyList<string> Frameworks,
    IReadOnlyList<AppBuild> Builds,
    string? Workspace,
    double Confidence,
    IReadOnlyList<Evidence> Evidence)
{
    /// <summary>The app kinds.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["service", "web-app", "worker", "cli", "library", "desktop", "mobile", "app-host"];
}
