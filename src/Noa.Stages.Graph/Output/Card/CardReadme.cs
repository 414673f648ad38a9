using System.Text;
using Noa.Abstractions;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>The README at the source root: its path and text.</summary>
internal sealed partial record CardReadme(string Path, string Text)
{
    /// <summary>Names looked for at the root, in order of preference (case-insensitive).</summary>
    public static readonly string[] Names = ["README.md", "README.rst", "README"];

    /// <summary>The largest README read; a longer one is cut (only its first paragraph is used).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The README at the root of the snapshot, or null.</summary>
    public static async Task<CardReadme?> ReadAsync(ISourceTree source, CancellationToken cancellationToken)
    {
        if (Find(source.Files.Select(f => f.Path)) is not { } path)
        {
            return null;
        }
        var file = source.Files.First(f => f.Path == path);
        var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[(int)Math.Min(file.Size, MaxBytes)];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return Decode(path, buffer.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>The root README among <paramref name="paths"/>, or null.</summary>
    public static string? Find(IEnumerable<string> paths)
    {
        var root = paths.Where(p => !p.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return Names.Select(n => root.FirstOrDefault(p => string.Equals(p, n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(p => p is not null);
    }

    /// <summary>The first prose paragraph that describes the project: in the README's introduction (a section headed
    /// "What it is", "About", "Overview", "Introduction" or "Description", when there is one), else anywhere. Headings,
    /// title underlines, badges, HTML, directives, code blocks, lists, quotes and tables are skipped, and so are
    /// paragraphs that only lead to something else ("CircleCI build:", "See the presentation here: [link]") — fewer
    /// than six words, ending in a colon, or mostly links. Links keep their text.</summary>
    public string? FirstParagraph()
    {
        var lines = Text.ReplaceLineEndings("\n").Split('\n');
        var intro = Array.FindIndex(lines, l => IntroHeading().IsMatch(l));
        return FirstParagraph(intro >= 0 ? lines[(intro + 1)..] : lines) ?? (intro >= 0 ? FirstParagraph(lines) : null);
    }

    /// <summary>The README's title (its first heading), links and badges removed; null when it has none.</summary>
    public string? Title()
    {
        var lines = Text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            string? title = null;
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                title = line[2..];
            }
            else if (line.Length > 0 && i + 1 < lines.Length && IsUnderline(lines[i + 1].Trim()) && !IsUnderline(line) && lines[i + 1].Trim()[0] is '=' or '#')
            {
                title = line;
            }
            if (title is not null && Plain(title).Trim() is { Length: > 0 } plain)
            {
                return plain;
            }
        }
        return null;
    }

    /// <summary>The first list's items (up to <paramref name="max"/>), as plain text: what a README that lists its
    /// features instead of describing itself says first.</summary>
    public IReadOnlyList<string> FirstList(int max)
    {
        var items = new List<string>();
        var fenced = false;
        foreach (var raw in Text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced)
            {
                continue;
            }
            if (ListItem().Match(raw) is { Success: true } item && !raw.StartsWith("  ", StringComparison.Ordinal))
            {
                var text = Plain(item.Groups[1].Value).Trim().TrimEnd('.');
                if (text.Length > 0)
                {
                    items.Add(text);
                }
                if (items.Count >= max)
                {
                    break;
                }
            }
            else if (items.Count > 0 && line.Length > 0 && !line.StartsWith('-') && !line.StartsWith('*') && !raw.StartsWith("  ", StringComparison.Ordinal))
            {
                break;
            }
        }
        return items;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^#{1,3}\s*(what it is|what is|about|overview|introduction|description)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex IntroHeading();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(install|quick ?start|getting started|get started|set ?up|usage|how to|deploy|running|run\b|tests?\b|testing|build|develop|contribut|licen[cs]e|requirements|prerequisites|configur|changelog|faq|support|credits|acknowledg|migrations?|shell|docker|local|environment|upgrade|release|sponsor|community|help|examples?)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Procedural();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\S+\s+){0,6}(is|are)\s+(a|an|the)\s", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Definition();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[-*+]\s+(.+)$")]
    private static partial System.Text.RegularExpressions.Regex ListItem();

    [System.Text.RegularExpressions.GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)|\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)")]
    private static partial System.Text.RegularExpressions.Regex Image();

    [System.Text.RegularExpressions.GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial System.Text.RegularExpressions.Regex Link();

    [System.Text.RegularExpressions.GeneratedRegex(@"`([^`<>]*)\s*<[^>]+>`_{1,2}")]
    private static partial System.Text.RegularExpressions.Regex RstLink();

    /// <summary>Markdown to plain text: images dropped, links to their text, emphasis marks removed.</summary>
    internal static string Plain(string text)
    {
        text = Image().Replace(text, "");
        text = Link().Replace(text, "$1");
        text = RstLink().Replace(text, "$1");
        return text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Trim();
    }

    private static string? FirstParagraph(string[] lines)
    {
        var paragraph = new List<string>();
        var fenced = false;
        var procedural = false; // under a heading such as Installation, Quickstart, Usage: steps, not a description
        var all = lines.Append("").ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            var raw = all[i];
            var line = raw.Trim();
            var fence = line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal);
            var heading = fenced || fence ? null : line.StartsWith('#') ? line.TrimStart('#').Trim()
                : line.Length > 0 && i + 1 < all.Length && IsUnderline(all[i + 1].Trim()) && !IsUnderline(line) && all[i + 1].Trim()[0] != '`' ? line : null;
            if (heading is not null)
            {
                if (Accept(paragraph, procedural) is { } before)
                {
                    return before;
                }
                paragraph.Clear();
                procedural = Procedural().IsMatch(heading);
                if (!line.StartsWith('#'))
                {
                    i++; // the underline
                }
                continue;
            }
            if (fence)
            {
                fenced = !fenced;
                if (Accept(paragraph, procedural) is { } found)
                {
                    return found;
                }
                paragraph.Clear();
                continue;
            }
            if (fenced)
            {
                continue;
            }
            var skip = line.Length == 0 || line.StartsWith('#') || line.StartsWith('<') || line.StartsWith("![", StringComparison.Ordinal)
                || line.StartsWith("[![", StringComparison.Ordinal) || line.StartsWith("..", StringComparison.Ordinal)
                || line.StartsWith(':') || IsUnderline(line) || raw.StartsWith("    ", StringComparison.Ordinal) || raw.StartsWith('\t')
                || line.StartsWith('>') || line.StartsWith('|') || ListItem().IsMatch(raw) || (line.Length > 2 && char.IsDigit(line[0]) && line[1] is '.' or ')');
            if (skip)
            {
                if (Accept(paragraph, procedural) is { } found)
                {
                    return found;
                }
                paragraph.Clear();
                continue;
            }
            paragraph.Add(line);
        }
        return null;
    }

    // A paragraph that describes: six words or more of prose, not a lead-in to a link, a list or a code block; under a
    // procedural heading only a definition ("X is a …").
    private static string? Accept(List<string> paragraph, bool procedural)
    {
        if (paragraph.Count == 0)
        {
            return null;
        }
        var raw = string.Join(' ', paragraph);
        var text = Plain(raw);
        var linkChars = Link().Matches(raw).Sum(m => m.Length - m.Groups[1].Length) + Image().Matches(raw).Sum(m => m.Length);
        if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 6 || text.EndsWith(':') || linkChars * 2 > raw.Length
            || (procedural && !Definition().IsMatch(text)))
        {
            return null;
        }
        if (text.Length <= 1200)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', 1200);
        return text[..(cut > 0 ? cut : 1200)] + " …";
    }

    private static bool IsUnderline(string line) =>
        line.Length >= 3 && line.All(c => c == line[0]) && "=-~^*+#_`'\".:".Contains(line[0], StringComparison.Ordinal);

    /// <summary>Reads a README's bytes as UTF-8 (invalid bytes replaced).</summary>
    public static CardReadme Decode(string path, byte[] bytes) => new(path, new UTF8Encoding(false, false).GetString(bytes));
}
