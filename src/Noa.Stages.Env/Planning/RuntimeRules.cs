using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// The runtime version of an app, from the files that pin it, in this order (the app's folder before the repository root): an exact
/// pin file (<c>.python-version</c>, <c>runtime.txt</c>, <c>.nvmrc</c>, <c>.node-version</c>, <c>rust-toolchain(.toml)</c>,
/// <c>global.json</c>), then the manifest's constraint (<c>requires-python</c>, <c>engines.node</c>, <c>go</c> directive,
/// <c>rust-version</c>, <c>java.version</c>/<c>maven.compiler.release</c>/Gradle toolchain, <c>TargetFramework</c>), then the
/// toolchain's default (for Node the newest LTS major images.lock holds, when newer). Every source found is a candidate; candidates that disagree are a contradiction.
/// </summary>
internal static partial class RuntimeRules
{
    /// <param name="preferred">The version to prefer over the toolchain's default, when images.lock holds a newer one (<see cref="NodeRules.NewestLts"/>).</param>
    public static async Task<(Decision Runtime, Contradiction? Conflict)> DecideAsync(Toolchain toolchain, string root, string? manifest, SourceText files,
        string? preferred, CancellationToken ct)
    {
        var candidates = new List<Decision>();
        foreach (var folder in root == "." ? ["."] : new[] { root, "." })
        {
            foreach (var (name, read) in Sources(toolchain, manifest is null ? null : Path.GetFileName(manifest)))
            {
                var path = SourceText.Join(folder, name);
                if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text)
                    continue;
                if (read(text) is { } found)
                    candidates.Add(new Decision(Versions.Choose(found.Constraint, preferred ?? toolchain.DefaultVersion, Parts(toolchain)), $"runtime.{name}",
                        found.Exact ? 1 : 0.8, [$"{path}:{SourceText.LineOf(text, found.Index)}"]));
            }
        }
        if (candidates.Count == 0)
            return (preferred is null
                ? new Decision(toolchain.DefaultVersion, "runtime.default", 0.3, [])
                : new Decision(preferred, $"runtime.default-locked: nothing pins the version; {preferred} is the newest LTS major images.lock holds (without it: {toolchain.DefaultVersion})", 0.3, ["images.lock"]), null);
        var distinct = candidates.Select(c => c.Value).Distinct(StringComparer.Ordinal).Count();
        return (candidates[0], distinct > 1 ? new Contradiction("runtime", candidates) : null);
    }

    private static int Parts(Toolchain t) => t == Toolchain.Node ? 1 : 2;

    private sealed record Found(string Constraint, int Index, bool Exact);

    private static IEnumerable<(string Name, Func<string, Found?> Read)> Sources(Toolchain t, string? manifest)
    {
        if (t == Toolchain.Python)
        {
            yield return (".python-version", text => FirstLine(text, exact: true));
            yield return ("runtime.txt", text => Match(PythonRuntimeTxt(), text, exact: true));
            yield return ("pyproject.toml", text => Match(RequiresPython(), text, exact: false));
        }
        else if (t == Toolchain.Node)
        {
            yield return (".nvmrc", text => FirstLine(text, exact: true));
            yield return (".node-version", text => FirstLine(text, exact: true));
            yield return ("package.json", EnginesNode);
        }
        else if (t == Toolchain.Go)
        {
            // The go directive is a minimum: a newer toolchain builds the module.
            yield return ("go.mod", text => Match(GoDirective(), text, exact: false, minimum: true));
        }
        else if (t == Toolchain.Rust)
        {
            yield return ("rust-toolchain.toml", text => Match(RustChannel(), text, exact: true));
            yield return ("rust-toolchain", text => FirstLine(text, exact: true));
            yield return ("Cargo.toml", text => Match(RustVersion(), text, exact: false, minimum: true));
        }
        else if (t == Toolchain.Java)
        {
            yield return ("pom.xml", text => Match(MavenJava(), text, exact: true));
            yield return ("build.gradle.kts", text => Match(GradleToolchain(), text, exact: true));
            yield return ("build.gradle", text => Match(GradleToolchain(), text, exact: true));
        }
        else if (t == Toolchain.Dotnet)
        {
            yield return ("global.json", text => Match(GlobalJsonSdk(), text, exact: true));
            if (manifest is not null && manifest.EndsWith("proj", StringComparison.Ordinal))
                yield return (manifest, text => Match(TargetFramework(), text, exact: true));
        }
    }

    private static Found? FirstLine(string text, bool exact)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        if (line is null)
            return null;
        var version = VersionPrefix().Match(line);
        return version.Success ? new Found(version.Value.TrimStart('v'), text.IndexOf(line, StringComparison.Ordinal), exact) : null;
    }

    private static Found? Match(Regex regex, string text, bool exact, bool minimum = false)
    {
        var m = regex.Match(text);
        if (!m.Success)
            return null;
        var value = m.Groups["v"].Value;
        return new Found(minimum ? ">=" + value : value, m.Index, exact);
    }

    private static Found? EnginesNode(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("engines", out var engines) &&
                engines.ValueKind == JsonValueKind.Object && engines.TryGetProperty("node", out var node) && node.ValueKind == JsonValueKind.String)
                return new Found(node.GetString()!, text.IndexOf("\"node\"", text.IndexOf("\"engines\"", StringComparison.Ordinal), StringComparison.Ordinal), false);
        }
        catch (JsonException)
        {
            // A package.json that does not parse pins nothing; the Classifier reports it.
        }
        return null;
    }

    [GeneratedRegex(@"^\s*v?\d+(\.\d+){0,2}")]
    private static partial Regex VersionPrefix();

    [GeneratedRegex(@"python-(?<v>\d+\.\d+(\.\d+)?)")]
    private static partial Regex PythonRuntimeTxt();

    [GeneratedRegex(@"(?m)^\s*requires-python\s*=\s*[""'](?<v>[^""']+)[""']")]
    private static partial Regex RequiresPython();

    [GeneratedRegex(@"(?m)^go\s+(?<v>\d+\.\d+)")]
    private static partial Regex GoDirective();

    [GeneratedRegex(@"(?m)^\s*channel\s*=\s*[""'](?<v>\d+\.\d+(\.\d+)?)[""']")]
    private static partial Regex RustChannel();

    [GeneratedRegex(@"(?m)^\s*rust-version\s*=\s*[""'](?<v>\d+\.\d+(\.\d+)?)[""']")]
    private static partial Regex RustVersion();

    [GeneratedRegex(@"<(java\.version|maven\.compiler\.release|maven\.compiler\.source|maven\.compiler\.target)>\s*(1\.)?(?<v>\d+)\s*<")]
    private static partial Regex MavenJava();

    [GeneratedRegex(@"(JavaLanguageVersion\.of\(\s*|sourceCompatibility\s*=\s*(JavaVersion\.VERSION_)?['""]?(1[._])?)(?<v>\d+)")]
    private static partial Regex GradleToolchain();

    [GeneratedRegex(@"<TargetFrameworks?>\s*net(?<v>\d+\.\d+)")]
    private static partial Regex TargetFramework();

    [GeneratedRegex(@"""version""\s*:\s*""(?<v>\d+\.\d+)")]
    private static partial Regex GlobalJsonSdk();
}
