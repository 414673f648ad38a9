using Noa.Manifests.Toml;
using Tomlyn.Model;

namespace Noa.Manifests.Rust;

/// <summary>What a Cargo.toml declares, read once: the package, its dependencies in every table (also per target), its binaries and
/// library, and the workspace it roots.</summary>
public sealed record CargoManifest
{
    /// <summary>Whether a <c>[package]</c> table is there; a virtual workspace manifest has none and builds nothing itself.</summary>
    public bool HasPackage { get; init; }

    /// <summary><c>package.name</c>; null for a virtual workspace manifest.</summary>
    public string? PackageName { get; init; }

    /// <summary>Cargo's binary auto-discovery (<c>src/bin/*.rs</c>), on unless <c>package.autobins = false</c>.</summary>
    public bool AutoBins { get; init; } = true;

    /// <summary><c>package.license</c> as written; null when absent or inherited.</summary>
    public string? License { get; init; }

    /// <summary><c>package.license.workspace = true</c>: the licence is the workspace's.</summary>
    public bool LicenseInherited { get; init; }

    /// <summary>Every dependency, in document order.</summary>
    public IReadOnlyList<CargoDependency> Dependencies { get; init; } = [];

    /// <summary>The <c>[[bin]]</c> targets.</summary>
    public IReadOnlyList<CargoBin> Bins { get; init; } = [];

    /// <summary>Whether a <c>[lib]</c> table is there.</summary>
    public bool HasLib { get; init; }

    /// <summary>The workspace this manifest roots, or null.</summary>
    public CargoWorkspace? Workspace { get; init; }

    /// <summary>Parses a Cargo.toml.</summary>
    /// <exception cref="Tomlyn.TomlException">It is not valid TOML.</exception>
    public static CargoManifest Parse(string text) => ManifestCache.GetOrAdd(text, static t => From(TomlDocument.Parse(t)));

    private static CargoManifest From(TomlTable toml)
    {
        var dependencies = new List<CargoDependency>();
        Collect(toml, null, dependencies);
        foreach (var (target, value) in toml.Table("target") ?? [])
        {
            if (value is TomlTable table)
            {
                Collect(table, target, dependencies);
            }
        }
        var package = toml.Table("package");
        var workspace = toml.Table("workspace");
        return new CargoManifest
        {
            HasPackage = package is not null,
            PackageName = package.String("name"),
            AutoBins = !(package is not null && package.TryGetValue("autobins", out var autobins) && autobins is false),
            License = package.String("license"),
            LicenseInherited = package.Table("license").Bool("workspace"),
            Dependencies = dependencies,
            Bins = [.. toml.Tables("bin").Select(b => new CargoBin(b.String("name"), b.String("path")))],
            HasLib = toml.Table("lib") is not null,
            Workspace = workspace is null ? null : new CargoWorkspace(
                [.. workspace.Strings("members")], [.. workspace.Strings("exclude")],
                Table(workspace.Table("dependencies"), CargoDependencyKind.Normal, null).ToDictionary(d => d.Key, StringComparer.Ordinal),
                workspace.Table("package").String("license")),
        };
    }

    private static void Collect(TomlTable table, string? target, List<CargoDependency> into)
    {
        into.AddRange(Table(table.Table("dependencies"), CargoDependencyKind.Normal, target));
        into.AddRange(Table(table.Table("dev-dependencies"), CargoDependencyKind.Dev, target));
        into.AddRange(Table(table.Table("build-dependencies"), CargoDependencyKind.Build, target));
    }

    private static IEnumerable<CargoDependency> Table(TomlTable? table, CargoDependencyKind kind, string? target)
    {
        foreach (var (key, value) in table ?? [])
        {
            if (value is string version)
            {
                yield return new CargoDependency(key, key, version, null, null, false, false, kind, target);
            }
            else if (value is TomlTable spec)
            {
                yield return new CargoDependency(key, spec.String("package") ?? key, spec.String("version"), spec.String("path"), spec.String("git"),
                    spec.Bool("workspace"), spec.Bool("optional"), kind, target);
            }
        }
    }
}
