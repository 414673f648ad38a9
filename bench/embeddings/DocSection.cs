namespace Noa.Bench.Embeddings;

internal static class DocSection
{
    /// <summary>Replaces the text between the markers (adding a titled section at the end when they are absent).</summary>
    public static void Rewrite(string doc, string begin, string end, string title, string body)
    {
        var text = File.Exists(doc) ? File.ReadAllText(doc) : "# Benchmarks\n";
        var block = $"{begin}\n{body.TrimEnd()}\n{end}";
        var b = text.IndexOf(begin, StringComparison.Ordinal);
        var e = text.IndexOf(end, StringComparison.Ordinal);
        text = b >= 0 && e > b ? text[..b] + block + text[(e + end.Length)..] : text.TrimEnd() + $"\n\n{title}\n\n{block}\n";
        File.WriteAllText(doc, text);
    }
}
