using System.Globalization;
using System.Text.RegularExpressions;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Output;

namespace Noa.Stages.Graph.Tests.Output;

/// <summary>
/// What every system card must satisfy, checked against kg.json and the source it came from rather than against an
/// earlier rendering: its sections in order, counts in correct English that agree with the graph, and commands that
/// name only files the source has.
/// </summary>
internal static partial class CardProperties
{
    private const string Nouns = "files?|endpoints?|entry points?|edges?|test definitions?|projects?|packages?|apps?|hosts?|external modules?|"
        + "product source files?|reads?|writes?|test projects?|TESTS edges?|more secondary entry points?|examples?|benchmarks?|test programs?";

    /// <summary>Every section, in order, the card ending in one newline, no carriage returns.</summary>
    public static void AssertSections(string card)
    {
        Assert.StartsWith("# System card", card, StringComparison.Ordinal);
        var at = -1;
        foreach (var section in SystemCard.Sections)
        {
            var next = card.IndexOf("\n## " + section + "\n", StringComparison.Ordinal);
            Assert.True(next > at, $"section '{section}' missing or out of order");
            at = next;
        }
        Assert.EndsWith("\n", card, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", card, StringComparison.Ordinal);
    }

    /// <summary>Counts whose noun disagrees with the number ("1 files", "2 endpoint").</summary>
    public static List<string> BadCounts(string text) =>
        CountPattern().Matches(text).Where(m =>
        {
            var n = long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var plural = m.Groups[2].Value.EndsWith('s');
            return (n == 1) == plural;
        }).Select(m => m.Value).ToList();

    /// <summary>The numbers the card states for facts kg.json holds, each next to the graph's own count.</summary>
    public static void AssertCountsAgree(string card, KnowledgeGraph graph)
    {
        var product = graph.Nodes.Where(n => n.Kind == "file" && n.Properties?.GetValueOrDefault("scope") is null or "product").Select(n => n.File).ToHashSet();
        var endpoints = graph.Nodes.Count(n => n.Kind == "endpoint" && product.Contains(n.File));
        if (endpoints > 0)
        {
            Assert.Matches($@"\n{endpoints:N0} endpoints?[ ,]", Section(card, "API"));
        }
        var tests = graph.Nodes.Count(n => n.Flags?.Contains("test") == true);
        if (tests > 0)
        {
            Assert.Contains($"Tests: {tests.ToString("N0", CultureInfo.InvariantCulture)} test definition", card, StringComparison.Ordinal);
        }
        var entries = graph.Nodes.Count(n => n.Kind == "entrypoint" && n.Properties?.GetValueOrDefault("scope") == "product");
        if (entries > 0)
        {
            Assert.Matches($@"with {entries:N0} entry points? \(", Section(card, "Apps and entry points"));
        }
    }

    /// <summary>The commands the card offers: the Start with column of the apps table and the Command and Also columns of
    /// the build table, each with the folder it runs in.</summary>
    public static List<(string Command, string Cwd)> OfferedCommands(string card)
    {
        var offered = new List<(string, string)>();
        foreach (var row in Section(card, "Apps and entry points").Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| App ", StringComparison.Ordinal)))
        {
            var cells = row.Split(" | ");
            if (cells.Length >= 6 && StartCell().Match(cells[5]) is { Success: true } m)
            {
                offered.Add((m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : "."));
            }
        }
        var cwd = ".";
        foreach (var line in Section(card, "Build, run and test").Split('\n'))
        {
            if (FolderHeading().Match(line) is { Success: true } h)
            {
                cwd = h.Groups[1].Value;
            }
            else if (line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| Phase", StringComparison.Ordinal))
            {
                var cells = line.Split(" | ");
                foreach (Match code in CodeSpan().Matches(string.Join(" | ", cells.Skip(1).Where((_, i) => i != 1))))
                {
                    offered.Add((code.Groups[1].Value, cwd));
                }
            }
        }
        return offered;
    }

    /// <summary>Path-like words of a command (with a slash, or a source-file extension) that name no file or folder of
    /// <paramref name="paths"/> from <paramref name="cwd"/>; build outputs, options, placeholders and URLs aside.</summary>
    public static List<string> MissingFiles(string command, string cwd, IReadOnlySet<string> paths)
    {
        var missing = new List<string>();
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            var word = words[i].Trim('"', '\'');
            if (word.StartsWith('-') || Regex.IsMatch(word, @"[$*<>{}\[\]%~|`@():\\]") || word.Contains("://", StringComparison.Ordinal) || word.StartsWith('/'))
            {
                continue;
            }
            if (!word.Contains('/', StringComparison.Ordinal) && !Regex.IsMatch(word, @"\.(py|js|ts|go|rs|sh|csproj|sln|slnx|json|ya?ml|toml|txt|java|cs)$"))
            {
                continue;
            }
            var path = Normalize(cwd == "." ? word : cwd + "/" + word);
            if (path.Length == 0 || path.Split('/')[0] is "dist" or "build" or "out" or "target" or "bin" or "obj" or "node_modules" or ".venv" or "venv")
            {
                continue;
            }
            if (!paths.Contains(path) && !paths.Any(p => p.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                missing.Add(word);
            }
        }
        return missing;
    }

    public static string Section(string card, string name)
    {
        var start = card.IndexOf("\n## " + name + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {name}");
        var end = card.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return card[start..(end < 0 ? card.Length : end)];
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or "." or "...")
            {
                continue;
            }
            if (part == ".." && parts.Count > 0)
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    [GeneratedRegex(@"(?<![\w.:])(\d[\d,]*) (" + Nouns + @")(?![\w./:-])")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^`([^`]+)` \((?:in `([^`]+)`, )?")]
    private static partial Regex StartCell();

    [GeneratedRegex(@"^### In `([^`]+)`")]
    private static partial Regex FolderHeading();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();
}
