using System.Text.RegularExpressions;

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
        foreach (var e in TomlLite.Parse(text))
        {
            var table = e.Table;
            if (table is "dependencies" or "dev-dependencies" or "build-dependencies" or "workspace.dependencies"
                || (table.StartsWith("target.", StringComparison.Ordinal) && table.EndsWith("dependencies", StringComparison.Ordinal)))
            {
                findings.Dependency("cargo", e.Key, path, $"[{table}] {e.Key} = {Short(e.Value)}");
            }
            else if (table.StartsWith("dependencies.", StringComparison.Ordinal) && e.Key == "version")
            {
                var name = table["dependencies.".Length..];
                findings.Dependency("cargo", name, path, $"[{table}] version = {Short(e.Value)}");
            }
            else if (table == "bin")
            {
                findings.Service("cli", 1, new Evidence(path, "[[bin]] " + e.Key + " = " + Short(e.Value)));
            }
            else if (table == "lib")
            {
                findings.Service("library", 1, new Evidence(path, "[lib]"));
            }
            else if (table is "package" or "workspace.package" && e.Key == "license")
            {
                // Cargo once accepted "MIT/Apache-2.0" for MIT OR Apache-2.0.
                var value = TomlLite.Scalar(e.Value);
                var expression = value.Contains('/', StringComparison.Ordinal) ? value.Replace("/", " OR ", StringComparison.Ordinal) : value;
                findings.Declare(LicenseDeclarations.Expression(path, table + ".license", expression) with { Value = value });
            }
        }
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
