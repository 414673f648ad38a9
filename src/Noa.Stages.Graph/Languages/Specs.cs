using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Languages;

internal sealed class PythonSpec : LanguageSpec
{
    public override string Id => "python";
    public override string Manager => "pypi";

    // a/b/c.py is importable as a.b.c, b.c or c (the source root is unknown); a/b/__init__.py as a.b.
    public override IEnumerable<string> ModuleKeys(string path, FileFacts facts, ProjectLayout layout)
    {
        var stem = Stem(path);
        if (stem.EndsWith("/__init__", StringComparison.Ordinal) || stem == "__init__")
        {
            stem = Dir(path);
        }
        return stem.Length == 0 ? [] : Suffixes(stem.Split('/'), ".");
    }

    public override ImportTarget Resolve(ImportFact import, string fromPath, ProjectLayout layout)
    {
        var module = import.Module;
        if (module.StartsWith('.'))
        {
            // Relative: one dot is the importer's package, each further dot one package up.
            var dots = module.TakeWhile(c => c == '.').Count();
            var package = Dir(fromPath).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
            package.RemoveRange(Math.Max(0, package.Count - (dots - 1)), Math.Min(package.Count, dots - 1));
            var rest = module[dots..];
            module = string.Join('.', package.Append(rest).Where(s => s.Length > 0));
        }
        if (import.Name is null or "*")
        {
            return new ImportTarget([module], null, import.Name == "*" ? null : import.Alias ?? module);
        }
        // from a import b: b may be a submodule a.b or a member of a.
        return new ImportTarget([module + "." + import.Name, module], import.Name, import.Alias ?? import.Name);
    }

    public override bool IsTestFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal);
    }
}

internal sealed class JavaScriptSpec(string id) : LanguageSpec
{
    private static readonly string[] Extensions = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts"];

    public override string Id => id;
    public override string Manager => "npm";
    public override string Grammar(string path) => path.EndsWith(".tsx", StringComparison.OrdinalIgnoreCase) ? "tsx" : Id;

    // a/b.ts is imported as a/b (relative paths are resolved against the importer first); a/index.js also as a.
    public override IEnumerable<string> ModuleKeys(string path, FileFacts facts, ProjectLayout layout)
    {
        var stem = Stem(path);
        if (stem.EndsWith(".d", StringComparison.Ordinal))
        {
            stem = stem[..^2];
        }
        yield return stem;
        if (Path.GetFileName(stem) == "index")
        {
            yield return Dir(path);
        }
        // A package in node_modules is imported by its name.
        var nm = stem.LastIndexOf("node_modules/", StringComparison.Ordinal);
        if (nm >= 0)
        {
            var rest = stem[(nm + "node_modules/".Length)..].Split('/');
            var package = rest[0].StartsWith('@') && rest.Length > 1 ? rest[0] + "/" + rest[1] : rest[0];
            var inner = string.Join('/', rest.Skip(package.Count(c => c == '/') + 1));
            yield return inner is "index" or "lib/index" or "src/index" ? package : package + "/" + inner;
        }
    }

    public override ImportTarget Resolve(ImportFact import, string fromPath, ProjectLayout layout)
    {
        var module = import.Module;
        var keys = new List<string>();
        var internalImport = false;
        if (module.StartsWith("./", StringComparison.Ordinal) || module.StartsWith("../", StringComparison.Ordinal) || module is "." or "..")
        {
            var joined = Path.GetFullPath(Path.Combine("/" + Dir(fromPath), module)).TrimStart('/').Replace('\\', '/');
            keys.Add(StripExtension(joined));
            internalImport = true;
        }
        else
        {
            // tsconfig "paths" (longest pattern first), then "baseUrl", then the `@/…` / `~/…` convention (src/ of the
            // package), then a package name.
            if (layout.TsConfigOf(fromPath) is { } ts)
            {
                foreach (var (pattern, targets) in ts.Paths.OrderByDescending(p => p.Pattern.Length))
                {
                    if (Alias(pattern, module) is { } captured)
                    {
                        keys.AddRange(targets.Select(t => StripExtension(t.Replace("*", captured, StringComparison.Ordinal)).TrimEnd('/')));
                        internalImport = true;
                    }
                }
                if (ts.BaseUrl is { } baseUrl)
                {
                    keys.Add(StripExtension(baseUrl.Length == 0 ? module : baseUrl + "/" + module));
                }
            }
            if (module.Length > 1 && module[0] is '@' or '~' && module[1] == '/')
            {
                var root = layout.PackageDirOf(fromPath) ?? "";
                keys.Add(StripExtension((root.Length == 0 ? "" : root + "/") + "src/" + module[2..]));
                internalImport = true;
            }
            keys.Add(StripExtension(module));
        }
        var local = import.Alias ?? import.Name;
        return import.Name is null or "*" or "default"
            ? new ImportTarget([.. keys.Distinct(StringComparer.Ordinal)], null, local == "*" ? null : local, internalImport)
            : new ImportTarget([.. keys.Distinct(StringComparer.Ordinal)], import.Name, local, internalImport);
    }

    // What a tsconfig path pattern ("@app/*", "@core") captures of a module, or null when it does not match.
    private static string? Alias(string pattern, string module)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return pattern == module ? "" : null;
        }
        var (head, tail) = (pattern[..star], pattern[(star + 1)..]);
        return module.Length >= head.Length + tail.Length && module.StartsWith(head, StringComparison.Ordinal) && module.EndsWith(tail, StringComparison.Ordinal)
            ? module[head.Length..^tail.Length] : null;
    }

    private static string StripExtension(string path)
    {
        foreach (var ext in Extensions)
        {
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return path[..^ext.Length];
            }
        }
        return path;
    }

    public override bool IsTestFile(string path) =>
        path.Contains(".test.", StringComparison.Ordinal) || path.Contains(".spec.", StringComparison.Ordinal) ||
        path.Contains("/__tests__/", StringComparison.Ordinal);
}

internal sealed class GoSpec : LanguageSpec
{
    public override string Id => "go";
    public override string Manager => "go";

    // A Go package is its directory, imported by its go.mod's module path and the folder below it; without a go.mod
    // above it, by the folder's path and its tails (net/http/server.go as net/http or http).
    public override IEnumerable<string> ModuleKeys(string path, FileFacts facts, ProjectLayout layout)
    {
        var dir = Dir(path);
        if (layout.GoImportPath(dir) is { } importPath)
        {
            return [importPath];
        }
        return dir.Length == 0 ? [""] : Suffixes(dir.Split('/'), "/");
    }

    public override ImportTarget Resolve(ImportFact import, string fromPath, ProjectLayout layout)
    {
        var path = import.Module;
        var segments = path.Split('/');
        // With go.mod the import path is exact; without, the longest tails first, never the last element alone
        // (a package named like a folder elsewhere is not it).
        var keys = layout.GoModuleOf(Dir(fromPath)) is not null
            ? [path]
            : Enumerable.Range(0, Math.Max(1, segments.Length - 1)).Select(i => string.Join('/', segments.Skip(i))).ToArray();
        var local = import.Alias ?? import.Name;
        if (local == ".")
        {
            return new ImportTarget(keys, null, null);
        }
        if (local is null)
        {
            local = segments[^1];
            if (segments.Length > 1 && local.Length > 1 && local[0] == 'v' && local[1..].All(char.IsAsciiDigit))
            {
                local = segments[^2]; // example.com/x/v2 is package x
            }
            local = local.Replace("go-", "", StringComparison.Ordinal).Replace("-go", "", StringComparison.Ordinal).Replace('-', '_');
        }
        return new ImportTarget(keys, null, local);
    }

    public override string? PackageScope(string path, FileFacts facts) => "go:" + Dir(path);
    public override bool IsTestFile(string path) => path.EndsWith("_test.go", StringComparison.Ordinal);
}

internal sealed class JavaSpec : LanguageSpec
{
    public override string Id => "java";
    public override string Manager => "maven";

    // java/util/ArrayList.java is imported as java.util.ArrayList (and its package java.util for wildcards).
    public override IEnumerable<string> ModuleKeys(string path, FileFacts facts, ProjectLayout layout)
    {
        var stem = Stem(path).Split('/');
        foreach (var key in Suffixes(stem, "."))
        {
            yield return key;
        }
        foreach (var key in Suffixes(stem[..^1], "."))
        {
            yield return key + ".*";
        }
    }

    public override ImportTarget Resolve(ImportFact import, string fromPath, ProjectLayout layout)
    {
        var module = import.Module.Length > 0 ? import.Module : import.Name ?? "";
        module = module.Replace("static ", "", StringComparison.Ordinal).Trim();
        if (module.EndsWith(".*", StringComparison.Ordinal))
        {
            return new ImportTarget([module], null, null);
        }
        var last = module[(module.LastIndexOf('.') + 1)..];
        var owner = module.Contains('.', StringComparison.Ordinal) ? module[..module.LastIndexOf('.')] : module;
        // import a.b.C → class C in a/b/C.java; import static a.b.C.m → member m of a/b/C.java.
        return new ImportTarget([module, owner], last, import.Alias ?? last);
    }

    public override string? PackageScope(string path, FileFacts facts) => "java:" + Dir(path);
    public override bool IsTestFile(string path) => path.Contains("/test/", StringComparison.Ordinal) || path.EndsWith("Test.java", StringComparison.Ordinal);
}

internal sealed class RustSpec : LanguageSpec
{
    public override string Id => "rust";
    public override string Manager => "cargo";

    // src/a/b.rs is module a::b; mod.rs, lib.rs and main.rs are their directory's module.
    public override IEnumerable<string> ModuleKeys(string path, FileFacts facts, ProjectLayout layout)
    {
        var stem = Stem(path);
        var name = Path.GetFileName(stem);
        if (name is "mod" or "lib" or "main")
        {
            stem = Dir(path);
        }
        var segments = stem.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "src").ToList();
        return segments.Count == 0 ? ["crate"] : Suffixes(segments, "::").Append("crate");
    }

    public override ImportTarget Resolve(ImportFact import, string fromPath, ProjectLayout layout)
    {
        var path = import.Module.Length > 0 ? import.Module : import.Name ?? "";
        var all = path.Split("::", StringSplitOptions.RemoveEmptyEntries).ToList();
        // `use my_crate::x` names this source's own crate (a binary using its library, a workspace member).
        var own = all.Count > 0 && (all[0] is "crate" or "self" or "super" || layout.Crates.ContainsKey(all[0]));
        if (all.Count > 0 && layout.Crates.ContainsKey(all[0]))
        {
            all.RemoveAt(0);
        }
        var segments = all.Where(s => s is not ("crate" or "self" or "super" or "{" or "}")).ToList();
        if (import.Name is { } name && import.Module.Length > 0 && name != "*" && !path.EndsWith("::" + name, StringComparison.Ordinal))
        {
            segments.Add(name);
        }
        if (segments.Count == 0)
        {
            return new ImportTarget(["crate"], null, null, own);
        }
        var last = segments[^1];
        if (last == "*")
        {
            return new ImportTarget([string.Join("::", segments[..^1])], null, null, own);
        }
        var module = string.Join("::", segments);
        var owner = segments.Count > 1 ? string.Join("::", segments[..^1]) : "crate";
        return new ImportTarget([module, owner], last, import.Alias ?? last, own);
    }

    public override string? PackageScope(string path, FileFacts facts) => "rust:" + Dir(path);
    public override bool IsTestFile(string path) => path.Contains("/tests/", StringComparison.Ordinal);
}

internal sealed class CSharpSpec : LanguageSpec
{
    public override string Id => "csharp";
    public override string Manager => "nuget";

    // A file is imported through the namespaces it declares.
    public override IEnumerable<string> ModuleKeys(string path, FileFacts facts, ProjectLayout layout)
    {
        var any = false;
        foreach (var ns in Namespaces(facts))
        {
            any = true;
            yield return ns;
        }
        if (!any)
        {
            yield return "global::";
        }
    }

    public override ImportTarget Resolve(ImportFact import, string fromPath, ProjectLayout layout)
    {
        var module = (import.Module.Length > 0 ? import.Module : import.Name ?? "").Replace("global::", "", StringComparison.Ordinal).Replace("static ", "", StringComparison.Ordinal).Trim();
        if (import.Alias is { } alias)
        {
            // using X = A.B.C: X names type C of namespace A.B (or the namespace A.B.C itself).
            var dot = module.LastIndexOf('.');
            return dot < 0 ? new ImportTarget([module], null, alias) : new ImportTarget([module, module[..dot]], module[(dot + 1)..], alias);
        }
        return new ImportTarget([module], null, null); // using A.B: every type of A.B is visible
    }

    public override string? PackageScope(string path, FileFacts facts) =>
        "cs:" + (Namespaces(facts).FirstOrDefault() ?? "global::");

    private static IEnumerable<string> Namespaces(FileFacts facts)
    {
        for (var i = 0; i < facts.Definitions.Count; i++)
        {
            var d = facts.Definitions[i];
            if (d.Kind == "namespace")
            {
                // Nested namespace declarations join their parents' names.
                var name = d.Name;
                for (var p = d.Parent; p >= 0; p = facts.Definitions[p].Parent)
                {
                    if (facts.Definitions[p].Kind == "namespace")
                    {
                        name = facts.Definitions[p].Name + "." + name;
                    }
                }
                yield return name;
            }
        }
    }

    public override bool IsTestFile(string path) => path.Contains(".Tests/", StringComparison.Ordinal) || path.Contains("/tests/", StringComparison.Ordinal);
}
