namespace Noa.Stages.Integrator.Output;

/// <summary>Paragraphs of a doc comment (summary, description, notes) as one list of lines, a blank line between them.</summary>
internal static class DocParagraphs
{
    /// <summary>
    /// The lines of every non-empty paragraph, each cleaned by the language's <paramref name="docLines"/> (which keeps a
    /// description from ending the comment), separated by one empty line.
    /// </summary>
    public static List<string> Join(IEnumerable<string?> paragraphs, Func<string?, IEnumerable<string>> docLines)
    {
        var lines = new List<string>();
        foreach (var paragraph in paragraphs)
        {
            var part = docLines(paragraph).ToList();
            if (part.Count == 0)
                continue;
            if (lines.Count > 0)
                lines.Add("");
            lines.AddRange(part);
        }
        return lines;
    }
}
