using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A published npm package deployed as an app (json-server, maildev as npm serves them): what npm's packer left out shows it. The
/// package's folder holds none of what the packer never ships (<c>.gitignore</c>, <c>.npmignore</c>, <c>.git</c>), and a script of
/// its package.json names a path the folder does not hold (json-server's <c>babel-node -- src/cli/bin</c>, maildev's
/// <c>./scripts/dev.js</c>): its sources stayed in its repository. Such a package installs its dependencies only (<c>--omit=dev</c>:
/// maildev's devDependency node-sass builds with node-gyp, which downloads headers), without its own install-time scripts
/// (json-server's <c>prepublish</c> runs <c>npm test &amp;&amp; npm run build</c> on sources it does not ship: removed with
/// <c>npm pkg delete</c> in the dependency layer, the source copied later restores package.json; its dependencies' install scripts
/// run as npm runs them), builds nothing (it ships its build output), and a start script that runs an unshipped path starts what
/// it ships instead: its bin, with node.
/// </summary>
internal static partial class PublishedPackageRule
{
    private static readonly string[] InstallScripts = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"];

    /// <summary>Why the app is a published package (rule text and evidence), or null when it is not one.</summary>
    public static Decision? Detect(string root, string manifest, string? packageJson, SourceText files)
    {
        if (NodeRules.Root(packageJson) is not { } json || !json.TryGetProperty("scripts", out var scripts) || scripts.ValueKind != JsonValueKind.Object)
            return null;
        var prefix = root == "." ? "" : root + "/";
        if (files.Paths.Any(p => p.StartsWith(prefix, StringComparison.Ordinal) && p[prefix.Length..] is var rel
                && (rel is ".gitignore" or ".npmignore" || rel.StartsWith(".git/", StringComparison.Ordinal))))
            return null;
        foreach (var script in scripts.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
        {
            if (MissingPath(prefix, script.Value.GetString()!, files) is { } missing)
                return new Decision("published",
                    $"published-package: no .gitignore, .npmignore or .git (npm's packer ships none), and its script {script.Name} names {missing}, which the package does not ship",
                    0.8, [$"{manifest}:{NodeRules.LineOf(packageJson!, $"\"{script.Name}\"")}"]);
        }
        return null;
    }

    /// <summary>The install of a published package: its dependencies only, its own install-time scripts removed first.</summary>
    public static Decision Install(Decision install, Decision published, string? packageJson)
    {
        // npm's own install only: a yarn or pnpm install's setup step installs the tool with npm, which --omit=dev is not for.
        if (install.Value is not { } command || !command.StartsWith("npm ci", StringComparison.Ordinal) && !command.StartsWith("npm install", StringComparison.Ordinal))
            return install;
        var own = NodeRules.Root(packageJson) is { } json && json.TryGetProperty("scripts", out var s) && s.ValueKind == JsonValueKind.Object
            ? InstallScripts.Where(n => s.TryGetProperty(n, out _)).ToList()
            : [];
        var omitted = NpmInstall().Replace(command, m => $"{m.Value} --omit=dev");
        return new Decision(own.Count == 0 ? omitted : $"npm pkg delete {string.Join(' ', own.Select(n => "scripts." + n))} && {omitted}",
            $"{install.Rule}; install.published: {published.Rule}: its dependencies only (--omit=dev){(own.Count == 0 ? "" : $", without its own {string.Join(", ", own)} script")}",
            install.Confidence, [.. install.Evidence, .. published.Evidence]);
    }

    /// <summary>The start of a published package whose start script runs a path it does not ship: its bin, run with node; else null.</summary>
    public static Decision? Start(string root, Decision start, string manifest, string? packageJson, SourceText files)
    {
        if (start.Value is not { } command || !NodeRules.IsNpmStart(command) || NodeRules.Root(packageJson) is not { } json
            || !json.TryGetProperty("scripts", out var scripts) || scripts.ValueKind != JsonValueKind.Object
            || !scripts.TryGetProperty("start", out var script) || script.ValueKind != JsonValueKind.String
            || MissingPath(root == "." ? "" : root + "/", script.GetString()!, files) is not { } missing)
            return null;
        var bin = json.TryGetProperty("bin", out var b) ? b.ValueKind switch
        {
            JsonValueKind.String => b.GetString(),
            JsonValueKind.Object => b.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .OrderBy(p => json.TryGetProperty("name", out var n) && n.GetString()?.Split('/')[^1] == p.Name ? 0 : 1).Select(p => p.Value.GetString()).FirstOrDefault(),
            _ => null,
        } : null;
        if (bin is null || !files.Exists(SourceText.Join(root, Normal(bin))))
            return null;
        return new Decision($"node {Normal(bin)}",
            $"start.published-bin: the start script runs {missing}, which the published package does not ship; it starts the bin it ships",
            Math.Min(start.Confidence, 0.8), [.. start.Evidence, $"{manifest}:{NodeRules.LineOf(packageJson!, "\"bin\"")}"]);
    }

    // A relative path a script names (a token with a slash or a source file's extension) that the package's folder does not hold,
    // neither as a file, a folder nor a module without its extension.
    private static string? MissingPath(string prefix, string script, SourceText files)
    {
        foreach (Match m in PathToken().Matches(script))
        {
            var token = Normal(m.Value.TrimEnd('/'));
            var path = prefix + token;
            if (files.Exists(path) || new[] { ".js", ".cjs", ".mjs", ".ts", ".json" }.Any(e => files.Exists(path + e))
                || files.Paths.Any(p => p.StartsWith(path + "/", StringComparison.Ordinal)))
                continue;
            return token;
        }
        return null;
    }

    private static string Normal(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;

    // A relative path in a command: `src/cli/bin`, `./scripts/dev.js`, `assets/styles/style.scss` — not a flag, URL, scoped package,
    // variable or absolute path.
    [GeneratedRegex(@"(?<=^|[\s=])(?:\./)?(?![-@$/])(?:[\w.-]+/)+[\w.-]*(?=$|\s|;|&|\|)|(?<=^|[\s=])(?:\./)?(?![-@$/])[\w-]+\.(?:js|cjs|mjs|ts|scss|sh)(?=$|\s|;|&|\|)")]
    private static partial Regex PathToken();


    // npm ci / npm install as a command of the install line (not inside a message it echoes).
    [GeneratedRegex(@"(?<=^|&& |\|\| |; |\{ )npm (ci|install)\b")]
    private static partial Regex NpmInstall();
}
