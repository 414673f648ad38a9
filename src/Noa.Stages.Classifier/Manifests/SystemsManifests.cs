using System.Text.RegularExpressions;
using Noa.Manifests.Rust;
using Tomlyn;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>go.mod, Cargo.toml, Gemfile and Dockerfile.</summary>
internal static partial class SystemsManifests
{
    [GeneratedRegex(@"^\s*(?:require\s+)?([a-zA-Z0-9][\w.\-/~]*\.[\w.\-/~]+)\s+(v[\w.\-+]+)", RegexOptions.CultureInvariant)]
    private static partial Regex GoRequire();

    [GeneratedRegex(@"^\s*gem\s+[""']([^""']+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex Gem();

    [GeneratedRegex(@"^\s*EXPOSE\s+(\S+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Expose();

    public static void GoMod(string path, string text, Findings findings)
    {
        findings.BuildSystem("go-modules", "Go modules", "package-manager", "go", path, "go.mod");
        var inRequire = false;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.StartsWith("require (", StringComparison.Ordinal) || line == "require(")
            {
                inRequire = true;
                continue;
            }
            if (inRequire && line.StartsWith(')'))
            {
                inRequire = false;
                continue;
            }
            if (inRequire || line.StartsWith("require ", StringComparison.Ordinal))
            {
                var m = GoRequire().Match(line);
                if (m.Success)
                {
                    findings.Dependency("go", m.Groups[1].Value, path, $"line {lineNo}: require {m.Groups[1].Value} {m.Groups[2].Value}");
                }
            }
        }
    }

    public static void CargoToml(string path, string text, Findings findings)
    {
        findings.BuildSystem("cargo", "Cargo", "package-manager", "cargo", path, "Cargo.toml");
        CargoManifest manifest;
        try
        {
            manifest = CargoManifest.Parse(text);
        }
        catch (TomlException e)
        {
            // Not valid TOML (cargo refuses it too): only the build system is known.
            findings.Unread(path, $"not valid TOML: {e.Message}");
            return;
        }
        var workspace = manifest.Workspace?.Dependencies.Values.Select(d => (Dependency: d, Table: "workspace.dependencies")) ?? [];
        foreach (var (d, table) in manifest.Dependencies.Select(d => (Dependency: d, Table: TableOf(d))).Concat(workspace))
        {
            var detail = $"[{table}] {d.Key} = {Short(d.Version ?? d.Path ?? d.Git ?? (d.Workspace ? "{ workspace = true }" : ""))}";
            if (d.Kind == CargoDependencyKind.Dev)
            {
                findings.DevDependency("cargo", d.Package, path, detail);
            }
            else
            {
                findings.Dependency("cargo", d.Package, path, detail);
            }
        }
        foreach (var bin in manifest.Bins)
        {
            findings.Service("cli", 1, new Evidence(path, $"[[bin]] {bin.Name ?? bin.Path}"));
        }
        if (manifest.HasLib)
        {
            findings.Service("library", 1, new Evidence(path, "[lib]"));
        }
        foreach (var (field, value) in new[] { ("package.license", manifest.License), ("workspace.package.license", manifest.Workspace?.License) })
        {
            if (value is not null)
            {
                // Cargo once accepted "MIT/Apache-2.0" for MIT OR Apache-2.0.
                var expression = value.Contains('/', StringComparison.Ordinal) ? value.Replace("/", " OR ", StringComparison.Ordinal) : value;
                findings.Declare(LicenseDeclarations.Expression(path, field, expression) with { Value = value });
            }
        }
    }

    private static string TableOf(CargoDependency d)
    {
        var table = d.Kind switch
        {
            CargoDependencyKind.Dev => "dev-dependencies",
            CargoDependencyKind.Build => "build-dependencies",
            _ => "dependencies",
        };
        return d.Target is null ? table : $"target.{d.Target}.{table}";
    }

    public static void Gemfile(string path, string text, Findings findings)
    {
        findings.BuildSystem("bundler", "Bundler", "package-manager", "rubygems", path, "Gemfile");
        var lineNo = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNo++;
            var m = Gem().Match(line);
            if (m.Success)
            {
                findings.Dependency("rubygems", m.Groups[1].Value, path, $"line {lineNo}: {line.Trim()}");
            }
        }
    }

    public static void Dockerfile(string path, string text, Findings findings)
    {
        findings.BuildSystem("docker", "Docker", "container", null, path, "Dockerfile");
        var lineNo = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNo++;
            var m = Expose().Match(line);
            if (m.Success)
            {
                findings.Service("http-api", 1, new Evidence(path, $"line {lineNo}: EXPOSE {m.Groups[1].Value}"));
                break;
            }
        }
    }

    private static string Short(string value)
    {
        var single = value.ReplaceLineEndings(" ");
        return single.Length > 60 ? single[..60] + "…" : single;
    }
}
