using System.Text.RegularExpressions;

namespace Noa.Stages.Graph.Tests.Output;

/// <summary>Checks the card's Mermaid block: one fenced <c>graph LR</c>, node and edge lines only, edges between
/// declared ids.</summary>
internal static partial class Mermaid
{
    /// <summary>Returns the declared node ids and the edges.</summary>
    public static (List<string> Nodes, List<(string From, string To)> Edges) AssertWellFormed(string card)
    {
        var start = card.IndexOf("```mermaid\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "no mermaid block");
        var end = card.IndexOf("\n```\n", start, StringComparison.Ordinal);
        Assert.True(end > start, "mermaid block not closed");
        var lines = card[(start + "```mermaid\n".Length)..end].Split('\n');
        Assert.Equal("graph LR", lines[0]);
        var nodes = new List<string>();
        var edges = new List<(string, string)>();
        foreach (var line in lines.Skip(1))
        {
            if (NodeLine().Match(line) is { Success: true } n)
            {
                Assert.DoesNotContain(n.Groups[1].Value, nodes);
                nodes.Add(n.Groups[1].Value);
            }
            else if (EdgeLine().Match(line) is { Success: true } e)
            {
                Assert.Contains(e.Groups[1].Value, nodes);
                Assert.Contains(e.Groups[2].Value, nodes);
                edges.Add((e.Groups[1].Value, e.Groups[2].Value));
            }
            else
            {
                Assert.Fail($"not a mermaid node or edge line: '{line}'");
            }
        }
        return (nodes, edges);
    }

    [GeneratedRegex("""^  (m_[A-Za-z0-9_]+)\["[^"\[\]]+<br/>[0-9,]+ files?"\]$""")]
    private static partial Regex NodeLine();

    [GeneratedRegex("""^  (m_[A-Za-z0-9_]+) -->(?:\|[0-9,]+\|)? (m_[A-Za-z0-9_]+)$""")]
    private static partial Regex EdgeLine();
}
