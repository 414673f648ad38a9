using Noa.Safety.Sbom.Parsers.DotNet;
using Noa.Safety.Sbom.Parsers.Go;
using Noa.Safety.Sbom.Parsers.Java;
using Noa.Safety.Sbom.Parsers.Npm;
using Noa.Safety.Sbom.Parsers.Php;
using Noa.Safety.Sbom.Parsers.Python;
using Noa.Safety.Sbom.Parsers.Ruby;
using Noa.Safety.Sbom.Parsers.Rust;

namespace Noa.Safety.Sbom.Parsing;

/// <summary>Which parser reads which file, by file name.</summary>
internal static class ParserTable
{
    private static readonly Dictionary<string, Action<ParseContext>> ByName = new(StringComparer.Ordinal)
    {
        ["Cargo.lock"] = CargoLockParser.Parse,
        ["Cargo.toml"] = CargoTomlParser.Parse,
        ["Directory.Build.props"] = ProjectFileParser.Parse,
        ["bun.lock"] = BunLockParser.Parse,
        ["Gemfile.lock"] = GemfileLockParser.Parse,
        ["Pipfile.lock"] = PipfileLockParser.Parse,
        ["composer.lock"] = ComposerLockParser.Parse,
        ["go.mod"] = GoModParser.Parse,
        ["go.sum"] = GoModParser.ParseSum,
        ["gradle.lockfile"] = GradleLockParser.Parse,
        ["buildscript-gradle.lockfile"] = GradleLockParser.Parse,
        ["npm-shrinkwrap.json"] = PackageLockParser.Parse,
        ["package-lock.json"] = PackageLockParser.Parse,
        ["packages.lock.json"] = PackagesLockParser.Parse,
        ["pnpm-lock.yaml"] = PnpmLockParser.Parse,
        ["poetry.lock"] = PoetryLockParser.Parse,
        ["pom.xml"] = PomParser.Parse,
        ["pyproject.toml"] = PyprojectParser.Parse,
        ["uv.lock"] = UvLockParser.Parse,
        ["yarn.lock"] = YarnLockParser.Parse,
    };

    public static Action<ParseContext>? Find(string path, FileSet files)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (ByName.TryGetValue(name, out var parse))
        {
            // npm writes the shrinkwrap instead of the lock when both would exist; read one.
            return name == "package-lock.json" && files.HasSibling(path, "npm-shrinkwrap.json") ? null : parse;
        }
        if (name.EndsWith(".csproj", StringComparison.Ordinal) || name.EndsWith(".fsproj", StringComparison.Ordinal) || name.EndsWith(".vbproj", StringComparison.Ordinal))
        {
            return ProjectFileParser.Parse;
        }
        return name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal) ? RequirementsParser.Parse : null;
    }
}
