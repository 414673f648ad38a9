using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Noa.TreeSitter.Tests.Queries;

/// <summary>One capture of a match, copied out of the tree (text and 1-based line).</summary>
public readonly record struct Cap(string Name, string Text, int Line, string Kind);

/// <summary>A match of a graph query, detached from its tree.</summary>
public sealed record Hit(int Pattern, IReadOnlyList<Cap> Captures)
{
    /// <summary>Text of the first capture called <paramref name="name"/>, or null.</summary>
    public string? this[string name] => Captures.FirstOrDefault(c => c.Name == name).Name is null ? null : Captures.First(c => c.Name == name).Text;

    public bool Has(string name) => Captures.Any(c => c.Name == name);

    public IEnumerable<string> All(string name) => Captures.Where(c => c.Name == name).Select(c => c.Text);

    /// <summary>KIND of the match's <c>@definition.KIND</c>, or null.</summary>
    public string? Definition => Captures.Select(c => c.Name).FirstOrDefault(n => n.StartsWith("definition.", StringComparison.Ordinal))?["definition.".Length..];

    /// <summary>The definition node's capture.</summary>
    public Cap DefinitionNode => Captures.First(c => c.Name.StartsWith("definition.", StringComparison.Ordinal));

    public override string ToString() => $"#{Pattern} " + string.Join(" ", Captures.Select(c => $"{c.Name}={c.Text.Split('\n')[0]}@{c.Line}"));
}

/// <summary>Loads src/Noa.Stages.Graph/Queries/*.scm from the repository (found by walking up to Noa.slnx) and runs them.</summary>
public static class QueryFiles
{
    private static readonly ConcurrentDictionary<(string, string), Query> Queries = new();

    public static string RepoRoot { get; } = FindRoot();

    public static string QueryPath(string file) => Path.Combine(RepoRoot, "src", "Noa.Stages.Graph", "Queries", file);

    /// <summary>The query file compiled for a grammar, shared by the tests (queries are thread-safe).</summary>
    public static Query Get(string grammar, string file) =>
        Queries.GetOrAdd((grammar, file), k => new Query(Language.Get(k.Item1), File.ReadAllText(QueryPath(k.Item2))));

    public static List<Hit> Run(string grammar, string file, string code) => Run(grammar, file, Encoding.UTF8.GetBytes(code));

    public static List<Hit> Run(string grammar, string file, byte[] code)
    {
        using var parser = new Parser();
        using var tree = parser.Parse(code, Language.Get(grammar), TimeSpan.FromSeconds(30))!;
        using var cursor = new QueryCursor();
        var matches = cursor.Matches(Get(grammar, file), tree.Root);
        Assert.False(cursor.ExceededMatchLimit, "match limit exceeded");
        return matches.Select(m => new Hit(m.Pattern,
            m.Captures.Select(c => new Cap(c.Name, c.Node.Text, (int)c.Node.Start.Row + 1, c.Node.Kind)).ToArray())).ToList();
    }

    /// <summary>Definitions as "kind name" strings.</summary>
    public static List<string> Definitions(IEnumerable<Hit> hits) =>
        hits.Where(h => h.Definition is not null).Select(h => $"{h.Definition} {h["name"]}").ToList();

    /// <summary>Every definition node is captured by one match only.</summary>
    public static void AssertNoDuplicateDefinitions(IEnumerable<Hit> hits, string where)
    {
        var duplicates = hits.Where(h => h.Definition is not null)
            .GroupBy(h => (h.DefinitionNode.Line, h.DefinitionNode.Kind, h.DefinitionNode.Text))
            .Where(g => g.Count() > 1).Select(g => g.First().ToString()).Take(3).ToList();
        Assert.True(duplicates.Count == 0, $"{where}: definitions in several matches: {string.Join(" | ", duplicates)}");
    }

    /// <summary>.cache/corpora/<paramref name="sub"/>, or null when absent (a failure under CI=true).</summary>
    public static string? Corpus(string sub)
    {
        var dir = Path.Combine(RepoRoot, ".cache", "corpora", sub);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            return dir;
        }
        Requirement.Unmet($".cache/corpora/{sub} is missing: run scripts/corpora.sh before the tests (CI=true needs the real corpora).");
        return null;
    }

    public static IEnumerable<string> SourceFiles(string root, params string[] extensions) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

    /// <summary>Tags from universal-ctags (path, name, kind, line) for <paramref name="files"/>, or null when ctags
    /// is not installed.</summary>
    public static List<(string Path, string Name, string Kind, int Line)>? Ctags(string language, IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("ctags", ["--output-format=json", "--fields=+nK", $"--languages={language}", "-f", "-", "-L", "-"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var writer = Task.Run(() =>
            {
                process.StandardInput.Write(string.Join('\n', files));
                process.StandardInput.Close();
            });
            var tags = new List<(string, string, string, int)>();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                try
                {
                    using var json = JsonDocument.Parse(line);
                    var r = json.RootElement;
                    if (r.GetProperty("_type").GetString() == "tag")
                    {
                        tags.Add((r.GetProperty("path").GetString()!, r.GetProperty("name").GetString()!, r.GetProperty("kind").GetString()!, r.GetProperty("line").GetInt32()));
                    }
                }
                catch (JsonException)
                {
                    // ctags writes a few names with raw control characters; those tags are not counted
                }
            }
            writer.Wait();
            process.WaitForExit();
            _ = stderr.Result;
            return tags;
        }
    }

    /// <summary>Recall of our definitions (name on the tag's line) over the ctags tags that <paramref name="counted"/>
    /// selects, by ctags kind; the misses are listed for the failure message. Null when ctags is not installed (a
    /// failure under CI=true).</summary>
    public static Dictionary<string, (int Found, int Total, List<string> Missed)>? RecallAgainstCtags(
        string grammar, string queryFile, string ctagsLanguage, IReadOnlyList<string> files,
        Func<(string Name, string Kind, string Line), bool> counted)
    {
        var tags = Ctags(ctagsLanguage, files);
        if (tags is null)
        {
            Requirement.Unmet("universal-ctags is not installed (CI=true needs it).");
            return null;
        }
        var ours = new ConcurrentDictionary<(string, string, int), bool>();
        var query = Get(grammar, queryFile);
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            // only the names are copied out of the tree: Run() would copy the text of every captured node
            using var parser = new Parser();
            using var tree = parser.Parse(File.ReadAllBytes(file), Language.Get(grammar), TimeSpan.FromSeconds(30))!;
            using var cursor = new QueryCursor();
            foreach (var match in cursor.Matches(query, tree.Root))
            {
                if (match.Captures.Any(c => c.Name.StartsWith("definition.", StringComparison.Ordinal)) && match["name"] is { IsNull: false } name)
                {
                    ours[(file, name.Text, (int)name.Start.Row + 1)] = true;
                }
            }
        });
        var lines = new Dictionary<string, string[]>();
        var result = new Dictionary<string, (int Found, int Total, List<string> Missed)>();
        foreach (var (path, name, kind, line) in tags!)
        {
            if (!lines.TryGetValue(path, out var text))
            {
                lines[path] = text = File.ReadAllText(path).Split('\n');
            }
            if (!counted((name, kind, line - 1 < text.Length ? text[line - 1] : "")))
            {
                continue;
            }
            var (found, total, missed) = result.GetValueOrDefault(kind, (0, 0, new List<string>()));
            if (ours.ContainsKey((path, name, line)))
            {
                found++;
            }
            else
            {
                missed.Add($"{Path.GetRelativePath(RepoRoot, path)}:{line} {name}");
            }
            result[kind] = (found, total + 1, missed);
        }
        return result;
    }

    /// <summary>True when <paramref name="line"/> looks like it defines <paramref name="name"/> (name followed by
    /// `(`, `=`, `:` or `&lt;`, or after class/function/interface/type/enum keywords): drops ctags' tags for
    /// `_super.prototype.x.call(…)` and the like.</summary>
    public static bool DefinesOnLine(string name, string line) =>
        Regex.IsMatch(line, $@"(^|[^\w$.]|\.prototype\.|\bthis\.|\bexports\.){Regex.Escape(name)}\s*[(=:<?!]|\b(class|function\*?|interface|type|enum|namespace|get|set|static|async|def)\s+{Regex.Escape(name)}\b");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Noa.slnx not found above " + AppContext.BaseDirectory);
    }
}
