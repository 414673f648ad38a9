using Noa.Safety.Sbom.Parsing;
using Tomlyn.Model;

namespace Noa.Safety.Sbom.Parsers.Rust;

/// <summary>
/// Cargo.toml when no Cargo.lock covers it (a library crate, or a published crate's normalised manifest):
/// [dependencies], [dev-dependencies] and [build-dependencies] (dev), also under [target.*], with
/// renamed packages and workspace-inherited versions. A Cargo requirement "1.2" means ^1.2, so only
/// "=1.2.3" is pinned; path dependencies are the project's own code.
/// </summary>
internal static class CargoTomlParser
{
    public static void Parse(ParseContext context)
    {
        if (context.Files.Ancestor(context.Path, "Cargo.lock") is not null)
        {
            return;
        }
        var toml = Toml.Parse(context.Text);
        var inherited = Workspace(context) ?? toml.Table("workspace").Table("dependencies");
        var tables = new List<TomlTable?> { toml };
        tables.AddRange((toml.Table("target")?.Values ?? []).OfType<TomlTable>());
        foreach (var table in tables)
        {
            foreach (var (kind, scope) in new[] { ("dependencies", ComponentScope.Runtime), ("dev-dependencies", ComponentScope.Dev), ("build-dependencies", ComponentScope.Dev) })
            {
                foreach (var (key, value) in table.Table(kind) ?? [])
                {
                    var spec = value as TomlTable;
                    if (spec.Bool("workspace"))
                    {
                        spec = inherited?.TryGetValue(key, out var w) == true ? w as TomlTable ?? new TomlTable { ["version"] = w } : null;
                        if (spec is null)
                        {
                            context.Problem($"\"{key}\" inherits from a workspace that does not define it");
                            continue;
                        }
                    }
                    if (spec.String("path") is not null && spec.String("version") is null)
                    {
                        continue;
                    }
                    var requirement = value as string ?? spec.String("version") ?? (spec.String("git") is { } git ? $"git {git}" : "*");
                    var pinned = requirement.StartsWith('=') && !requirement.Contains(',', StringComparison.Ordinal) ? requirement.TrimStart('=').Trim() : null;
                    var draft = context.Add(new ComponentDraft
                    {
                        Ecosystem = "cargo", Name = spec.String("package") ?? key, Version = pinned, Requirement = pinned is null ? requirement : null,
                        Scope = scope == ComponentScope.Runtime && (value as TomlTable).Bool("optional") ? ComponentScope.Optional : scope, Direct = true,
                    });
                    context.Edge(null, draft.Purl);
                }
            }
        }
    }

    /// <summary>[workspace.dependencies] of the nearest Cargo.toml above this one that declares a workspace.</summary>
    private static TomlTable? Workspace(ParseContext context)
    {
        var dir = FileSet.Directory(context.Path);
        while (dir.Length > 0)
        {
            dir = FileSet.Directory(dir);
            if (context.Files.Get(FileSet.Join(dir, "Cargo.toml")) is { } bytes && Toml.Parse(ParseContext.Decode(bytes)).Table("workspace") is { } workspace)
            {
                return workspace.Table("dependencies");
            }
        }
        return null;
    }
}
