using System.Text;

namespace Noa.TreeSitter.Tests.Queries;

/// <summary>Loads src/Noa.Stages.Graph/Queries/&lt;lang&gt;.scm from the repository (found by walking up to Noa.slnx)
/// and runs it over code; corpus files come from .cache/corpora (absent: skip, or fail under CI=true).</summary>
internal static class StaticQueryFixture
{
    public static readonly string RepoRoot = FindRoot();

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


    /// <summary>For each match that has <paramref name="capture"/>: the text of <paramref name="other"/> (matches without it
    /// are skipped) or, when <paramref name="other"/> is null, of @name if present, else of the capture itself.</summary>
    public static List<string> Texts(string language, string code, string capture, string? other = null)
    {
        using var query = new Query(Language.Get(language), File.ReadAllText(Path.Combine(RepoRoot, "src", "Noa.Stages.Graph", "Queries", language + ".scm")));
        using var parser = new Parser();
        using var tree = parser.Parse(Encoding.UTF8.GetBytes(code), Language.Get(language))!;
        using var cursor = new QueryCursor();
        return cursor.Matches(query, tree.Root)
            .Where(m => m.Captures.Any(c => c.Name == capture) && (other is null || !m[other].IsNull))
            .Select(m => other is not null ? m[other].Text : m["name"].IsNull ? m[capture].Text : m["name"].Text)
            .ToList();
    }

    /// <summary>Definitions as "kind name" (+ " test" when marked, + " doc" when documented).</summary>
    public static List<string> Definitions(string language, string code)
    {
        using var query = new Query(Language.Get(language), File.ReadAllText(Path.Combine(RepoRoot, "src", "Noa.Stages.Graph", "Queries", language + ".scm")));
        using var parser = new Parser();
        using var tree = parser.Parse(Encoding.UTF8.GetBytes(code), Language.Get(language))!;
        using var cursor = new QueryCursor();
        return cursor.Matches(query, tree.Root)
            .Select(m => (m, d: m.Captures.FirstOrDefault(c => c.Name.StartsWith("definition.", StringComparison.Ordinal))))
            .Where(x => x.d.Name is not null)
            .Select(x => $"{x.d.Name["definition.".Length..]} {x.m["name"].Text}"
                + (x.m["test"].IsNull ? "" : " test") + (x.m["doc"].IsNull ? "" : " doc")
                + (x.m["receiver"].IsNull ? "" : " of " + x.m["receiver"].Text))
            .ToList();
    }

    /// <summary>A corpus file's text, or null when .cache/corpora is absent (a failure under CI=true).</summary>
    public static string? Corpus(string relative)
    {
        var path = Path.Combine(RepoRoot, ".cache", "corpora", relative);
        if (!File.Exists(path))
        {
            Requirement.Unmet($".cache/corpora/{relative} is missing: run scripts/corpora.sh before the tests (CI=true needs the real corpora).");
            return null;
        }
        return File.ReadAllText(path);
    }
}
