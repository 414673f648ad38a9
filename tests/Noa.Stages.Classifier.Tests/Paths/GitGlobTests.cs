using System.Diagnostics;
using Noa.Stages.Classifier.Paths;

namespace Noa.Stages.Classifier.Tests.Paths;

// The oracle is git itself: every pattern is written to a .gitattributes and `git check-attr` says which paths it matches.
public sealed class GitGlobTests
{
    // Cases from git's t3070-wildmatch and gitattributes(5), and the one issue 14 names: [a!]b matches "!b".
    private static readonly string[] Patterns =
    [
        "[a!]b", "[!a]b", "[^a]b", "[]]", "[]a]", "[!]]", "[a-c]x", "[a-]x", "[\\]]", "[\\!]x", "\\*x", "\\[a]", "a?c", "a*c", "a**c",
        "foo[/]bar", "[[:digit:]]x", "[[:upper:][:digit:]]", "**/gen/*.go", "a/**/b", "**", "docs/**", "docs/*", "/root.txt", "third_party",
        "dir/", "*.js", "foo/**/", "[", "a[b", "[a-a]x", "*/x", "x*/**/y",
    ];

    private static readonly string[] Paths =
    [
        "!b", "ab", "cb", "^b", "]", "a", "bx", "-x", "!x", "*x", "ax", "[a]", "a", "abc", "a/c", "a/b/c", "foo/bar", "1x", "A", "7",
        "gen/x.go", "a/b/gen/x.go", "a/b", "a/x/y/b", "docs/a.md", "docs/x/a.md", "root.txt", "a/root.txt", "third_party", "third_party/x.c",
        "dir", "dir/x", "lib/a.js", "foo/x/y", "[", "a[b", "x/y", "b/x", "x1/z/y", "x/y/z",
    ];

    [Fact]
    public void ToRegex_EveryPatternAndPath_MatchesAsGitCheckAttrDoes()
    {
        var repo = Directory.CreateTempSubdirectory("noa-gitglob-");
        try
        {
            var attributes = string.Join('\n', Patterns.Select((p, i) => $"{p} a{i}"));
            File.WriteAllText(Path.Combine(repo.FullName, ".gitattributes"), attributes + "\n");
            var git = Run(repo.FullName, ["init", "-q"], null);
            if (git is null)
            {
                Requirement.Unmet("git is not on PATH (apt-get install git)");
            }
            var output = Run(repo.FullName, ["check-attr", "--stdin", "-z", "-a"], string.Join('\0', Paths) + "\0")!;
            var set = new HashSet<(string Path, int Pattern)>();
            var fields = output.Split('\0');
            for (var i = 0; i + 2 < fields.Length; i += 3)
            {
                set.Add((fields[i], int.Parse(fields[i + 1][1..], System.Globalization.CultureInfo.InvariantCulture)));
            }
            // Control: git matched something, and not everything, so the comparison below can fail.
            Assert.InRange(set.Count, 20, Patterns.Length * Paths.Length / 2);

            var wrong = new List<string>();
            for (var p = 0; p < Patterns.Length; p++)
            {
                var regex = GitGlob.ToRegex("", Patterns[p]);
                foreach (var path in Paths)
                {
                    var expected = set.Contains((path, p));
                    if (regex.IsMatch(path) != expected)
                    {
                        wrong.Add($"{Patterns[p]} {(expected ? "matches" : "does not match")} {path} in git");
                    }
                }
            }
            Assert.Empty(wrong);
        }
        finally
        {
            repo.Delete(recursive: true);
        }
    }

    private static string? Run(string dir, string[] args, string? input)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
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
            process.StandardInput.Write(input ?? "");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
            return output;
        }
    }
}
