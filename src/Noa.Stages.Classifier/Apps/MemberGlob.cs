namespace Noa.Stages.Classifier.Apps;

/// <summary>
/// The member patterns of workspaces (npm/yarn/pnpm/bun <c>workspaces</c>, Lerna <c>packages</c>, Cargo and uv <c>members</c>): folder
/// globs relative to the workspace root, where <c>*</c> and <c>?</c> stay within one folder name and <c>**</c> spans any number of
/// folders. A leading <c>./</c> and a trailing <c>/</c> are ignored; <c>!pattern</c> excludes.
/// </summary>
internal static class MemberGlob
{
    /// <summary>The folders among <paramref name="candidates"/> (relative to the workspace root) that the patterns include.</summary>
    public static IEnumerable<string> Select(IEnumerable<string> patterns, IEnumerable<string> candidates)
    {
        var include = new List<string[]>();
        var exclude = new List<string[]>();
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim();
            var negated = pattern.StartsWith('!');
            pattern = Normalize(negated ? pattern[1..] : pattern);
            if (pattern.Length > 0)
            {
                (negated ? exclude : include).Add(pattern.Split('/'));
            }
        }
        foreach (var candidate in candidates)
        {
            var parts = candidate.Split('/');
            if (include.Any(p => Match(p, 0, parts, 0)) && !exclude.Any(p => Match(p, 0, parts, 0)))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>A folder path without <c>./</c>, trailing <c>/</c>, <c>/*</c> suffix of a file glob (<c>packages/*/package.json</c> is rare) or backslashes.</summary>
    public static string Normalize(string path)
    {
        var p = path.Replace('\\', '/').Trim();
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }
        return p.TrimEnd('/') is "." ? "" : p.TrimEnd('/');
    }

    private static bool Match(string[] pattern, int i, string[] path, int j)
    {
        while (i < pattern.Length)
        {
            if (pattern[i] == "**")
            {
                for (var k = j; k <= path.Length; k++)
                {
                    if (Match(pattern, i + 1, path, k))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (j >= path.Length || !Segment(pattern[i], path[j]))
            {
                return false;
            }
            i++;
            j++;
        }
        return j == path.Length;
    }

    private static bool Segment(string pattern, string name)
    {
        // Classic wildcard matching with backtracking on the last '*'.
        int p = 0, n = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
