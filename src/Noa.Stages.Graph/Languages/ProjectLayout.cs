namespace Noa.Stages.Graph.Languages;

/// <summary>A Go module: the folder of its go.mod, its module path and the modules it requires.</summary>
internal sealed record GoModule(string Dir, string Path, IReadOnlyList<string> Requires);

/// <summary>A tsconfig.json/jsconfig.json: its folder, the folder bare imports resolve from (baseUrl, relative to the
/// source root) and its path aliases (<c>"@/*": ["src/*"]</c>, targets relative to the source root).</summary>
internal sealed record TsConfig(string Dir, string? BaseUrl, IReadOnlyList<(string Pattern, IReadOnlyList<string> Targets)> Paths);

/// <summary>
/// What import resolution needs from a source's manifests, beyond each file's own text: Go modules (go.mod), TypeScript
/// path aliases (tsconfig.json, jsconfig.json, with <c>extends</c>), Rust crate names (Cargo.toml) and the folders of
/// package.json files.
/// </summary>
internal sealed class ProjectLayout(IReadOnlyList<GoModule> go, IReadOnlyList<TsConfig> ts, IReadOnlyDictionary<string, string> crates, IReadOnlyList<string> packages)
{
    /// <summary>No manifests: every language resolves as it would without them.</summary>
    public static ProjectLayout Empty { get; } = new([], [], new Dictionary<string, string>(StringComparer.Ordinal), []);

    public IReadOnlyList<GoModule> GoModules { get; } = go.OrderByDescending(m => m.Dir.Length).ToList();

    public IReadOnlyList<TsConfig> TsConfigs { get; } = ts.OrderByDescending(t => t.Dir.Length).ToList();

    /// <summary>Rust crate names (dashes as underscores) → the crate's folder.</summary>
    public IReadOnlyDictionary<string, string> Crates { get; } = crates;

    /// <summary>Folders holding a package.json, deepest first.</summary>
    public IReadOnlyList<string> PackageDirs { get; } = packages.OrderByDescending(p => p.Length).ToList();

    /// <summary>The Go module a folder belongs to: the nearest go.mod above it.</summary>
    public GoModule? GoModuleOf(string dir) => GoModules.FirstOrDefault(m => Within(dir, m.Dir));

    /// <summary>The tsconfig that governs a file: the nearest above it.</summary>
    public TsConfig? TsConfigOf(string path) => TsConfigs.FirstOrDefault(t => Within(path, t.Dir));

    /// <summary>The folder of the package.json nearest above a file, or null.</summary>
    public string? PackageDirOf(string path) => PackageDirs.FirstOrDefault(p => Within(path, p));

    /// <summary>The Go import path of the package in <paramref name="dir"/>: module path + folder under go.mod (the standard
    /// library's module "std" has none), or null without a go.mod above.</summary>
    public string? GoImportPath(string dir)
    {
        if (GoModuleOf(dir) is not { } module)
        {
            return null;
        }
        var rest = module.Dir.Length == 0 ? dir : dir.Length > module.Dir.Length ? dir[(module.Dir.Length + 1)..] : "";
        if (module.Path == "std")
        {
            return rest;
        }
        return rest.Length == 0 ? module.Path : module.Path + "/" + rest;
    }

    private static bool Within(string path, string dir) => dir.Length == 0 || path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);
}
