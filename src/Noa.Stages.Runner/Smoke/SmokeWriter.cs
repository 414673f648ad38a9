using System.Text;
using System.Text.Json;
using Noa.Abstractions.Profiles;

namespace Noa.Stages.Runner.Smoke;

/// <summary>
/// Smoke tests for a folder with no test the Runner can run: a library's every public module imported (Python) or its entry
/// points loaded (Node), and a command-line tool's <c>--help</c> and <c>--version</c> (a Python package's <c>__main__</c>,
/// package.json's <c>bin</c>). Each is a script printing TAP, so the Runner reads one result per check and a person can
/// rerun it by hand.
/// </summary>
internal static class SmokeWriter
{
    public const string Folder = ".noa-runner/smoke";
    private const int MaxModules = 400;

    public static List<SmokeFile> For(string folder, string? language, IReadOnlyDictionary<string, FileEntry> files, Func<string, string?> readText)
    {
        var smoke = new List<SmokeFile>();
        var prefix = folder.Length == 0 ? "" : folder + "/";
        if (language == "python")
        {
            var modules = PythonModules(prefix, files);
            var (name, command) = Named("python3", "smoke_python", folder, ".py");
            if (modules.Modules.Count > 0)
                smoke.Add(new SmokeFile(name, PythonScript(command, modules.Roots, modules.Modules, modules.Mains),
                    command, $"imports {modules.Modules.Count} module(s) of the product code; runs --help and --version of {modules.Mains.Count} package(s) with a __main__"));
        }
        else if (language == "node" && readText(prefix + "package.json") is { } manifest)
        {
            var (entries, bins) = NodeEntries(manifest, prefix, files);
            var (name, command) = Named("node", "smoke_node", folder, ".mjs");
            if (entries.Count + bins.Count > 0)
                smoke.Add(new SmokeFile(name, NodeScript(command, entries, bins), command,
                    $"loads {entries.Count} entry point(s) of package.json; runs --help and --version of {bins.Count} bin(s)"));
        }
        return smoke;
    }

    /// <summary>
    /// The file name of the smoke test of <paramref name="folder"/> (workspace-relative, "" for the root), and the command its
    /// step runs. The file is at <see cref="Folder"/> under the workspace's root and the step runs in the folder, so the command
    /// climbs back to the root; every path the script holds is relative to the folder.
    /// </summary>
    public static (string Name, string Command) Named(string tool, string stem, string folder, string extension)
    {
        var tag = folder.Length == 0 ? "" : "-" + string.Concat(folder.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        var up = folder.Length == 0 ? "" : string.Concat(Enumerable.Repeat("../", folder.Count(c => c == '/') + 1));
        var name = stem + tag + extension;
        return (name, $"{tool} {up}{Folder}/{name}");
    }

    // Modules under their import roots: the folder itself, or src/ when the code lives there. A module is importable when every
    // folder between it and its root is a package (has __init__.py). The roots returned are relative to the folder.
    private static (List<string> Roots, List<string> Modules, List<string> Mains) PythonModules(string prefix, IReadOnlyDictionary<string, FileEntry> files)
    {
        var roots = new List<string> { prefix.TrimEnd('/') };
        if (files.Keys.Any(p => p.StartsWith(prefix + "src/", StringComparison.Ordinal) && p.EndsWith("/__init__.py", StringComparison.Ordinal)))
            roots.Insert(0, prefix + "src");
        var modules = new SortedSet<string>(StringComparer.Ordinal);
        var mains = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, entry) in files)
        {
            if (entry.Scope != FileScopes.Product || !path.EndsWith(".py", StringComparison.Ordinal) || !path.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            var root = roots.FirstOrDefault(r => r.Length == 0 || path.StartsWith(r + "/", StringComparison.Ordinal));
            if (root is null)
                continue;
            var relative = root.Length == 0 ? path : path[(root.Length + 1)..];
            var parts = relative[..^3].Split('/');
            if (parts.Any(p => !IsIdentifier(p)) || parts[^1] is "setup" or "conftest" or "noxfile" or "fabfile" || parts[^1].StartsWith("test_", StringComparison.Ordinal))
                continue;
            var packages = parts[..^1];
            if (Enumerable.Range(1, packages.Length).Any(i => !files.ContainsKey(Join(root, string.Join('/', packages[..i]), "__init__.py"))))
                continue;
            if (parts[^1] == "__main__")
            {
                if (packages.Length > 0)
                    mains.Add(string.Join('.', packages));
                continue;
            }
            modules.Add(parts[^1] == "__init__" ? string.Join('.', packages) : string.Join('.', parts));
        }
        modules.Remove("");
        return (roots.Select(r => r == prefix.TrimEnd('/') ? "." : r[prefix.Length..]).ToList(), modules.Take(MaxModules).ToList(), mains.Take(5).ToList());
    }

    private static string Join(string root, string folder, string file) => string.Join('/', new[] { root, folder, file }.Where(s => s.Length > 0));

    private static bool IsIdentifier(string s) => s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static string PythonScript(string command, List<string> roots, List<string> modules, List<string> mains)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Smoke test written by noa's Runner: imports every module of the product code, and runs --help/--version of");
        sb.AppendLine("# packages with a __main__. Prints TAP. Run it from the app's folder: " + command);
        sb.AppendLine("import importlib, os, signal, subprocess, sys, traceback");
        sb.AppendLine($"ROOTS = {JsonSerializer.Serialize(roots)}");
        sb.AppendLine($"MODULES = {JsonSerializer.Serialize(modules)}");
        sb.AppendLine($"MAINS = {JsonSerializer.Serialize(mains)}");
        sb.AppendLine("""
            sys.path[:0] = [os.path.abspath(r) for r in ROOTS]
            def alarm(signum, frame):
                raise TimeoutError("import took longer than 20 s")
            signal.signal(signal.SIGALRM, alarm)
            n = 0
            failed = 0
            print(f"1..{len(MODULES) + 2 * len(MAINS)}", flush=True)
            for name in MODULES:
                n += 1
                signal.alarm(20)
                try:
                    importlib.import_module(name)
                    print(f"ok {n} - import {name}", flush=True)
                except BaseException as e:  # SystemExit and KeyboardInterrupt at import are failures too
                    failed += 1
                    reason = (traceback.format_exception_only(type(e), e)[-1].strip() or type(e).__name__).replace("#", "")
                    print(f"not ok {n} - import {name} # {reason[:200]}", flush=True)
                finally:
                    signal.alarm(0)
            for name in MAINS:
                for flag in ("--help", "--version"):
                    n += 1
                    try:
                        r = subprocess.run([sys.executable, "-m", name, flag], capture_output=True, timeout=30, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path[:len(ROOTS)])})
                        ok = r.returncode == 0 or (flag == "--version" and r.returncode == 2)
                        print(f"{'ok' if ok else 'not ok'} {n} - python3 -m {name} {flag}" + ("" if ok else f" # exit {r.returncode}"), flush=True)
                        failed += 0 if ok else 1
                    except subprocess.TimeoutExpired:
                        failed += 1
                        print(f"not ok {n} - python3 -m {name} {flag} # did not end in 30 s", flush=True)
            sys.exit(1 if failed else 0)
            """);
        return sb.ToString();
    }

    private static (List<string> Entries, List<string> Bins) NodeEntries(string manifest, string prefix, IReadOnlyDictionary<string, FileEntry> files)
    {
        var entries = new SortedSet<string>(StringComparer.Ordinal);
        var bins = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(manifest);
            var root = doc.RootElement;
            void Entry(string? path)
            {
                if (path is null || path.Contains('*', StringComparison.Ordinal))
                    return;
                var clean = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
                foreach (var candidate in new[] { clean, clean + ".js", clean + "/index.js" })
                    if (files.ContainsKey(prefix + candidate))
                    {
                        entries.Add(candidate);
                        return;
                    }
            }
            if (root.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String)
                Entry(main.GetString());
            if (root.TryGetProperty("exports", out var exports))
                foreach (var target in Strings(exports))
                    Entry(target);
            if (entries.Count == 0)
                Entry("index.js");
            if (root.TryGetProperty("bin", out var bin))
                foreach (var target in Strings(bin))
                    if (files.ContainsKey(prefix + (target.StartsWith("./", StringComparison.Ordinal) ? target[2..] : target)))
                        bins.Add(target.StartsWith("./", StringComparison.Ordinal) ? target[2..] : target);
        }
        catch (JsonException)
        {
            // A package.json that is not JSON has no entry points to smoke; the plan's notes say nothing ran.
        }
        return ([.. entries.Take(50)], [.. bins.Take(5)]);
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static string NodeScript(string command, List<string> entries, List<string> bins)
    {
        var sb = new StringBuilder();
        sb.AppendLine("// Smoke test written by noa's Runner: loads package.json's entry points and runs its bins with --help/--version. Prints TAP.");
        sb.AppendLine("// Run it from the package's folder: " + command);
        sb.AppendLine("import { spawnSync } from 'node:child_process';");
        sb.AppendLine("import { pathToFileURL } from 'node:url';");
        sb.AppendLine("import path from 'node:path';");
        sb.AppendLine($"const ENTRIES = {JsonSerializer.Serialize(entries)};");
        sb.AppendLine($"const BINS = {JsonSerializer.Serialize(bins)};");
        sb.AppendLine("""
            let n = 0, failed = 0;
            console.log(`1..${ENTRIES.length + 2 * BINS.length}`);
            for (const entry of ENTRIES) {
              n++;
              try {
                await import(pathToFileURL(path.resolve(entry)).href);
                console.log(`ok ${n} - load ${entry}`);
              } catch (e) {
                failed++;
                console.log(`not ok ${n} - load ${entry} # ${String(e && e.message || e).split('\n')[0].replaceAll('#', '').slice(0, 200)}`);
              }
            }
            for (const bin of BINS) {
              for (const flag of ['--help', '--version']) {
                n++;
                const r = spawnSync(process.execPath, [bin, flag], { timeout: 30000, encoding: 'utf8' });
                const ok = r.status === 0;
                if (!ok) failed++;
                console.log(`${ok ? 'ok' : 'not ok'} ${n} - node ${bin} ${flag}${ok ? '' : ` # exit ${r.status ?? r.signal}`}`);
              }
            }
            process.exit(failed ? 1 : 0);
            """);
        return sb.ToString();
    }
}
