using System.Text.RegularExpressions;

namespace Noa.Embeddings.Chunking;

/// <summary>Chunks prose by headings: Markdown ATX headings (outside fenced code) and reStructuredText underlines.</summary>
internal sealed partial class DocChunker(ChunkBuilder builder)
{
    private sealed record Section(int Level, string Title, int StartIndex);

    public IEnumerable<Chunk> Markdown(string path, string[] lines) => BySections(path, "markdown", lines, MarkdownHeadings(lines));

    public IEnumerable<Chunk> Rst(string path, string[] lines) => BySections(path, "rst", lines, RstHeadings(lines));

    public IEnumerable<Chunk> Text(string path, string[] lines, string language = "text") => BySections(path, language, lines, []);

    private IEnumerable<Chunk> BySections(string path, string language, string[] lines, List<Section> headings)
    {
        if (headings.Count == 0 || headings[0].StartIndex > 0)
            headings.Insert(0, new Section(0, "", 0));
        var trail = new List<Section>();
        for (var i = 0; i < headings.Count; i++)
        {
            var section = headings[i];
            var end = i + 1 < headings.Count ? headings[i + 1].StartIndex : lines.Length;
            trail.RemoveAll(s => s.Level >= section.Level);
            trail.Add(section);
            var body = Enumerable.Range(section.StartIndex, end - section.StartIndex)
                .Select(n => new SourceLine(n + 1, lines[n])).ToList();
            if (body.All(l => l.Text.Trim().Length == 0))
                continue;
            var symbol = string.Join(" > ", trail.Where(s => s.Title.Length > 0).Select(s => s.Title));
            var kind = section.Title.Length == 0 ? "file" : "section";
            if (symbol.Length == 0)
                symbol = Path.GetFileName(path);
            foreach (var chunk in builder.Build(path, symbol, kind, language, $"{path} | {symbol}", body, section.StartIndex + 1, end))
                yield return chunk;
        }
    }

    private static List<Section> MarkdownHeadings(string[] lines)
    {
        var headings = new List<Section>();
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var marker = trimmed[..3];
                fence = fence is null ? marker : fence == marker ? null : fence;
                continue;
            }
            if (fence is null && Atx().Match(lines[i]) is { Success: true } m)
                headings.Add(new Section(m.Groups[1].Length, m.Groups[2].Value.Trim().TrimEnd('#').Trim(), i));
        }
        return headings;
    }

    // A title line followed by an underline at least as long; levels follow the order underline characters appear.
    private static List<Section> RstHeadings(string[] lines)
    {
        var headings = new List<Section>();
        var levels = new List<char>();
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            var title = lines[i].Trim();
            var under = lines[i + 1].TrimEnd();
            if (title.Length == 0 || under.Length < title.Length || !RstUnderline().IsMatch(under) || RstUnderline().IsMatch(title))
                continue;
            if (!levels.Contains(under[0]))
                levels.Add(under[0]);
            headings.Add(new Section(levels.IndexOf(under[0]) + 1, title, i));
            i++;
        }
        return headings;
    }

    [GeneratedRegex(@"^ {0,3}(#{1,6})\s+(.*)$")]
    private static partial Regex Atx();

    [GeneratedRegex(@"^([=\-~^""'`#*+.:_])\1{2,}$")]
    private static partial Regex RstUnderline();
}
