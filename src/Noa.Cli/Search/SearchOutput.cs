using Noa.Cli.Console;
using Noa.Embeddings.Search;
using Spectre.Console;

namespace Noa.Cli.Search;

/// <summary>
/// <c>noa search</c>'s table: each result's header line and up to four snippet lines, styled with Spectre.Console markup.
/// When the output goes to a pipe or a file Spectre writes no colours, and a line of plain characters that fits the width
/// comes out as its text: such a line is written directly, which spares a cold process Spectre's first output (its
/// console set-up and markup parser), and every other line still goes through Spectre, so the bytes are the same.
/// </summary>
internal static class SearchOutput
{
    private const int SnippetLines = 4;
    private const int SnippetWidth = 140;

    /// <param name="results">Ranked results.</param>
    /// <param name="plain">Whether lines that read the same may skip Spectre (<see cref="RedirectedOutput.SpectreWritesPlainText"/>).</param>
    public static void Print(IReadOnlyList<SearchResult> results, bool plain)
    {
        foreach (var r in results)
        {
            var scope = r.Scope is "" or "product" ? "" : " · " + r.Scope;
            Write(plain,
                ("bold", $"{r.Rank,2}."), (null, " "), ("green", $"{r.Path}:{r.StartLine}-{r.EndLine}"), (null, " "), ("yellow", r.Symbol), (null, " "),
                ("grey", $"{r.Kind} · {r.Language}{scope} · score {r.Score:0.####} · {r.Source}"));
            foreach (var line in r.Snippet.Split('\n').Take(SnippetLines))
                Write(plain, (null, "     "), ("grey", "│"), (null, " " + (line.Length > SnippetWidth ? line[..SnippetWidth] + "…" : line)));
        }
    }

    /// <summary>One line of (style, text) parts: its text when that is what Spectre would write, else through Spectre.</summary>
    private static void Write(bool plain, params (string? Style, string Text)[] parts)
    {
        var text = string.Concat(parts.Select(p => p.Text));
        if (plain && ReadsTheSame(text))
        {
            System.Console.Out.WriteLine(text);
            return;
        }
        RedirectedOutput.ConfigureSpectre();
        AnsiConsole.MarkupLine(string.Concat(parts.Select(p => p.Style is null ? Markup.Escape(p.Text) : $"[{p.Style}]{Markup.Escape(p.Text)}[/]")));
    }

    /// <summary>
    /// Whether Spectre.Console, writing to a pipe or a file, would write this line of markup-escaped text as the text itself:
    /// it fits the width, each character takes one cell, and no <c>:name:</c> in it names an emoji. Spectre replaces emoji codes
    /// in each run of text between style tags, so a line in which <c>Emoji.Replace</c> replaces
    /// nothing has nothing replaced in any of its runs either. Docstrings' <c>:class:</c> and <c>:param x:</c> are common.
    /// </summary>
    internal static bool ReadsTheSame(string text)
    {
        if (text.Length >= RedirectedOutput.Width)
            return false;
        foreach (var c in text)
        {
            if (!SingleCell(c))
                return false;
        }
        return text.IndexOf(':') == text.LastIndexOf(':') || Emoji.Replace(text) == text;
    }

    /// <summary>Printable ASCII and the three other characters the table uses: one terminal cell each, nothing Spectre rewrites.</summary>
    private static bool SingleCell(char c) => c is >= ' ' and <= '~' or '·' or '│' or '…';
}
