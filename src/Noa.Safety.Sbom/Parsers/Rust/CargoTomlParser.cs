using Noa.Manifests.Rust;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Rust;

/// <summary>
/// Cargo.toml when no Cargo.lock covers it (a library crate, or a published crate's normalised manifest), read by the one
/// <see cref="CargoManifest"/> reader the Classifier and the Graph share: [dependencies], [dev-dependencies] and
/// [build-dependencies] (dev), also under [target.*], with renamed packages and workspace-inherited versions. A Cargo
/// requirement "1.2" means ^1.2, so only "=1.2.3" is pinned; path dependencies are the project's own code.
/// </summary>
internal static class CargoTomlParser
{
    public static void Parse(ParseContext context)
    {
        if (context.Files.Ancestor(context.Path, "Cargo.lock") is not null)
        {
            return;
        }
        var manifest = CargoManifest.Parse(context.Text);
        var inherited = Workspace(context) ?? manifest.Workspace?.Dependencies;
        foreach (var declared in manifest.Dependencies)
        {
            var spec = declared;
            if (declared.Workspace)
            {
                if (inherited?.GetValueOrDefault(declared.Key) is not { } fromWorkspace)
                {
                    context.Problem($"\"{declared.Key}\" inherits from a workspace that does not define it");
                    continue;
                }
                spec = fromWorkspace;
            }
            if (spec.Path is not null && spec.Version is null)
            {
                continue;
            }
            var requirement = spec.Version ?? (spec.Git is { } git ? $"git {git}" : "*");
            var pinned = requirement.StartsWith('=') && !requirement.Contains(',', StringComparison.Ordinal) ? requirement.TrimStart('=').Trim() : null;
            var scope = declared.Kind != CargoDependencyKind.Normal ? ComponentScope.Dev : declared.Optional ? ComponentScope.Optional : ComponentScope.Runtime;
            var draft = context.Add(new ComponentDraft
            {
                Ecosystem = "cargo", Name = spec.Package, Version = pinned, Requirement = pinned is null ? requirement : null, Scope = scope, Direct = true,
            });
            context.Edge(null, draft.Purl);
        }
    }

    /// <summary>[workspace.dependencies] of the nearest Cargo.toml above this one that declares a workspace.</summary>
    private static IReadOnlyDictionary<string, CargoDependency>? Workspace(ParseContext context)
    {
        var dir = FileSet.Directory(context.Path);
        while (dir.Length > 0)
        {
            dir = FileSet.Directory(dir);
            if (context.Files.Get(FileSet.Join(dir, "Cargo.toml")) is { } bytes && CargoManifest.Parse(ParseContext.Decode(bytes)).Workspace is { } workspace)
            {
                return workspace.Dependencies;
            }
        }
        return null;
    }
}
