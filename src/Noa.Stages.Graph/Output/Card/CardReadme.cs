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

    /// <summary>The first prose paragraph of the README's introduction (a section headed "What it is", "About",
    /// "Overview", "Introduction" or "Description", when there is one; else the whole text): headings, title
    /// underlines, badges, HTML, directives and code blocks skipped.</summary>
    public string? FirstParagraph()
    {
        var lines = Text.ReplaceLineEndings("\n").Split('\n');
        var intro = Array.FindIndex(lines, l => IntroHeading().IsMatch(l));
        return FirstParagraph(intro >= 0 ? lines[(intro + 1)..] : lines) ?? (intro >= 0 ? FirstParagraph(lines) : null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^#{1,3}\s*(what it is|what is|about|overview|introduction|description)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex IntroHeading();

    private static string? FirstParagraph(string[] lines)
    {
        var paragraph = new List<string>();
        var fenced = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
                if (paragraph.Count > 0)
                {
                    break;
                }
                continue;
            }
            if (fenced)
            {
                continue;
            }
            var skip = line.Length == 0 || line.StartsWith('#') || line.StartsWith('<') || line.StartsWith("![", StringComparison.Ordinal)
                || line.StartsWith("[![", StringComparison.Ordinal) || line.StartsWith("..", StringComparison.Ordinal)
                || line.StartsWith(':') || IsUnderline(line) || raw.StartsWith("    ", StringComparison.Ordinal) || raw.StartsWith('\t');
            if (skip)
            {
                if (paragraph.Count > 0)
                {
                    // A setext or reStructuredText underline makes the paragraph a title.
                    if (line.Length > 0 && IsUnderline(line))
                    {
                        paragraph.Clear();
                        continue;
                    }
                    break;
                }
                continue;
            }
            paragraph.Add(line);
        }
        if (paragraph.Count == 0)
        {
            return null;
        }
        var text = string.Join(' ', paragraph);
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
