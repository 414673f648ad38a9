using System.Text.RegularExpressions;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Build;

// Entry points from what the repository declares rather than from its code: manifests (console scripts, npm bin/main
// and scripts, Cargo bins), the package manager a folder uses, and Kotlin mains read from the text.
internal sealed partial class GraphBuilder
{
    private void FromManifests()
    {
        // Start scripts first, so a package.json's entry is named by `start` rather than by `dev`.
        foreach (var m in _repo.Entries.OrderBy(m => m.Kind == "script" && m.Name == "start" ? 0 : 1))
        {
            var dir = RepoFiles.Dir(m.Manifest);
            var manifest = System.IO.Path.GetFileName(m.Manifest);
            EntryPoint? e = null;
            switch (m.Kind)
            {
                case "console":
                    var (file, target) = ConsoleTarget(m.Target);
                    e = new EntryPoint("console-script", file ?? m.Manifest, file is null ? m.Line : _nodes[target!].Range?.StartLine ?? 1, m.Name) { Target = target };
                    e.Evidence.Add($"{manifest} console script `{m.Name} = {m.Target}`");
                    break;
                case "bin":
                    var bin = SourceOf(m.Target);
                    e = new EntryPoint(manifest == "Cargo.toml" ? "rust-bin" : "node-bin", bin ?? m.Manifest, bin is null ? m.Line : 1, m.Name) { Target = FileNode(bin) };
                    e.Evidence.Add($"{manifest} bin `{m.Name}`");
                    break;
                case "main" or "main-implicit":
                    var main = SourceOf(m.Target);
                    if (main is null)
                    {
                        continue;
                    }
                    e = new EntryPoint("node-main", main, 1, m.Name) { Target = FileNode(main) };
                    e.Evidence.Add(m.Kind == "main" ? $"{manifest} main" : "index.js (Node's default main: package.json names none)");
                    break;
                case "script":
                    var launch = Launchers.Parse(new CommandLine(m.Manifest, m.Line, dir, m.Target, "package.json", m.Name));
                    var words = CommandPhase.Unwrap(new CommandLine(m.Manifest, m.Line, dir, m.Target, "package.json").Words);
                    if (words.Count > 1 && words[0] == "nest" && words[1] == "start" && SourceOf(RepoFiles.Join(dir, "src/main.ts") ?? "src/main.ts") is { } nestMain)
                    {
                        // The Nest CLI starts src/main.ts (nest-cli.json's default sourceRoot and entryFile).
                        e = new EntryPoint("npm-script", nestMain, 1, m.Name) { Target = FileNode(nestMain) };
                    }
                    else if (launch is { Kind: "node-file" } && SourceOf(launch.Target) is { } script)
                    {
                        e = new EntryPoint("npm-script", script, 1, m.Name) { Target = FileNode(script) };
                    }
                    else if (StartScripts.Contains(m.Name) && (words.Count == 0 || FrameworkClis.Contains(words[0]) || launch is null or { Kind: "program" })
                        && !(words.Count > 0 && words[0] is "npm" or "yarn" or "pnpm" or "bun" or "turbo" or "nx" or "lerna" or "concurrently" && words.Any(w => w is "--filter" or "-F" or "--workspace" or "-w" or "--parallel" or "run-many") ))
                    {
                        e = new EntryPoint("npm-script", m.Manifest, m.Line, m.Name);
                    }
                    else
                    {
                        continue;
                    }
                    e.Evidence.Add($"{manifest} script `{m.Name}`: `{m.Target}`");
                    e.Documented.Add($"{m.Manifest}:{m.Line}");
                    e.Command = (NpmRun(dir, m.Name), dir, 5, $"{m.Manifest}:{m.Line}");
                    break;
            }
            if (e is not null)
            {
                e.Declared = true;
                Add(e);
            }
        }
    }

    // "package.module:function" → the function's file and node.
    private (string? File, string? Target) ConsoleTarget(string target)
    {
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var module = (colon < 0 ? target : target[..colon]).Trim();
        var function = colon < 0 ? null : target[(colon + 1)..].Trim().Split('.')[0];
        if (!_moduleIndex.TryGetValue("python:" + module, out var candidates))
        {
            return (null, null);
        }
        var f = candidates.OrderBy(c => _files[c].Path.Length).ThenBy(c => _files[c].Path, StringComparer.Ordinal).First();
        var def = function is null ? null : TopLevel(f, function).Select(g => _defIds[g]).FirstOrDefault();
        return (_files[f].Path, def ?? _fileIds[f]);
    }

    private string? FileNode(string? path) => path is not null && _fileIndex.TryGetValue(path, out var f) ? _fileIds[f] : null;

    /// <summary>The source file a manifest path names: itself when it exists, else the source a build writes it from
    /// (<c>build/main.js</c> ← <c>source/main.ts</c>, <c>dist/api/main.js</c> ← <c>src/main.ts</c>); null when none exists.</summary>
    private string? SourceOf(string path)
    {
        var files = _repo.Files.Paths.Count > 0 ? _repo.Files.Paths : _fileIndex.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var candidate in OutputSources(path))
        {
            foreach (var ext in (string[])["", ".js", ".ts", ".mjs", ".cjs", ".tsx", "/index.js", "/index.ts"])
            {
                if (files.Contains(candidate + ext))
                {
                    return candidate + ext;
                }
            }
        }
        return null;
    }

    private static IEnumerable<string> OutputSources(string path)
    {
        // A path into a build output (dist/main.js) is the output of a source: the source first, the output (when
        // committed) last.
        var output = path.Split('/').SkipLast(1).Any(s => s is "dist" or "build" or "out");
        if (!output)
        {
            yield return path;
        }
        var stem = Regex.Replace(path, @"\.(m|c)?js$", "");
        if (!output)
        {
            yield return stem;
        }
        var parts = stem.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i] is "dist" or "build" or "out" or "lib" or "bin" or "target")
            {
                var before = string.Join('/', parts.Take(i));
                foreach (var source in (string[])["src", "source", "lib", ""])
                {
                    for (var skip = 0; skip <= Math.Min(1, parts.Length - i - 2); skip++)
                    {
                        var rest = string.Join('/', parts.Skip(i + 1 + skip));
                        yield return string.Join('/', new[] { before, source, rest }.Where(s => s.Length > 0));
                    }
                }
            }
        }
        if (output)
        {
            yield return path;
        }
    }

    private string NpmRun(string dir, string script)
    {
        var manager = PackageManager(dir);
        return script is "start" or "test" ? $"{manager} {script}" : manager == "npm" ? $"npm run {script}" : $"{manager} {script}";
    }

    /// <summary>The package manager a folder's lockfile names (npm when none).</summary>
    internal string PackageManager(string dir)
    {
        for (var d = dir; ; d = RepoFiles.Dir(d))
        {
            string P(string name) => d.Length == 0 ? name : d + "/" + name;
            if (_repo.Files.Paths.Contains(P("pnpm-lock.yaml")))
            {
                return "pnpm";
            }
            if (_repo.Files.Paths.Contains(P("yarn.lock")))
            {
                return "yarn";
            }
            if (_repo.Files.Paths.Contains(P("bun.lock")) || _repo.Files.Paths.Contains(P("bun.lockb")))
            {
                return "bun";
            }
            if (_repo.Files.Paths.Contains(P("package-lock.json")) || d.Length == 0)
            {
                return "npm";
            }
        }
    }

    // Kotlin has no grammar here: `fun main(` and `@SpringBootApplication` are read from the text.
    private void FromKotlin()
    {
        foreach (var (path, text) in _repo.Files.Texts.Where(t => t.Key.EndsWith(".kt", StringComparison.OrdinalIgnoreCase)))
        {
            if (SpringKotlin().Match(text) is { Success: true } spring)
            {
                var e = new EntryPoint("spring-boot", path, CommandLines.LineOf(text, spring.Index), spring.Groups[1].Value);
                e.Evidence.Add("@SpringBootApplication");
                Add(e);
            }
            else if (KotlinMain().Match(text) is { Success: true } main)
            {
                var e = new EntryPoint("kotlin-main", path, CommandLines.LineOf(text, main.Index), System.IO.Path.GetFileNameWithoutExtension(path));
                e.Evidence.Add("fun main");
                Add(e);
            }
        }
    }

    [GeneratedRegex(@"@SpringBootApplication[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:open\s+|public\s+)?class\s+(\w+)")]
    private static partial Regex SpringKotlin();

    [GeneratedRegex(@"^fun\s+main\s*\(", RegexOptions.Multiline)]
    private static partial Regex KotlinMain();
}
