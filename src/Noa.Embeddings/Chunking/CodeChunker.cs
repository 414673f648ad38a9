namespace Noa.Embeddings.Chunking;

/// <summary>
/// Chunks one source file along the definitions the Graph stage found in it: each definition's chunk is its own
/// lines minus its nested definitions, which appear as one-line outlines (so a class chunk is its header, fields
/// and member signatures). Lines outside every definition (imports, module-level code) make a file chunk.
/// </summary>
internal sealed class CodeChunker(ChunkBuilder builder)
{
    private sealed class Node(KgDefinition? definition, int startLine, int endLine)
    {
        public KgDefinition? Definition { get; } = definition;
        public int StartLine { get; } = startLine;
        public int EndLine { get; } = endLine;
        public List<Node> Children { get; } = [];
        public string Symbol { get; set; } = "";
    }

    public IEnumerable<Chunk> Chunk(string path, string text, IReadOnlyList<KgDefinition> definitions)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (lines.Length > 1 && lines[^1].Length == 0)
            lines = lines[..^1];
        var root = BuildTree(definitions, lines.Length);
        var language = definitions.Select(d => d.Language).FirstOrDefault(l => l is not null) ?? "";
        return Walk(root).SelectMany(node => Emit(path, language, node, lines));
    }

    private static Node BuildTree(IReadOnlyList<KgDefinition> definitions, int lineCount)
    {
        var root = new Node(null, 1, Math.Max(1, lineCount));
        var stack = new Stack<Node>();
        stack.Push(root);
        foreach (var d in definitions.OrderBy(d => d.Start).ThenByDescending(d => d.End))
        {
            while (stack.Peek().Definition is { } top && !top.Contains(d))
                stack.Pop();
            var parent = stack.Peek();
            var node = new Node(d, Math.Max(1, d.Start.Line), Math.Min(Math.Max(1, lineCount), d.End.Line))
            {
                Symbol = SymbolOf(d, parent),
            };
            parent.Children.Add(node);
            stack.Push(node);
        }
        return root;
    }

    // The id's descriptors qualify Go and Rust impl methods by their type, which nesting by range cannot.
    private static string SymbolOf(KgDefinition d, Node parent)
    {
        var at = d.Id.LastIndexOf("`/", StringComparison.Ordinal);
        if (at >= 0)
        {
            // useAuth().login().: a function nested in a function keeps its parent's "()" as the separator
            // (useAuth().login, never useAuthlogin); Type#method(). reads Type.method.
            var descriptors = d.Id[(at + 2)..];
            descriptors = (descriptors.EndsWith("().", StringComparison.Ordinal) ? descriptors[..^3] : descriptors).TrimEnd('.', '#').Replace('#', '.');
            if (descriptors.Length > 0)
                return descriptors;
        }
        return parent.Definition is null ? d.Name : $"{parent.Symbol}.{d.Name}";
    }

    private static IEnumerable<Node> Walk(Node node) => node.Children.SelectMany(Walk).Prepend(node);

    private IEnumerable<Chunk> Emit(string path, string language, Node node, string[] lines)
    {
        var body = new List<SourceLine>();
        var own = false;
        var covered = new bool[node.EndLine - node.StartLine + 1];
        foreach (var child in node.Children)
            for (var n = Math.Max(child.StartLine, node.StartLine); n <= Math.Min(child.EndLine, node.EndLine); n++)
                covered[n - node.StartLine] = true;
        var startingAt = node.Children.ToLookup(c => c.StartLine);
        for (var n = node.StartLine; n <= node.EndLine; n++)
        {
            // A definition's first line is its header even when a member starts on it.
            var keep = !covered[n - node.StartLine] || (n == node.StartLine && node.Definition is not null);
            if (keep)
            {
                body.Add(new SourceLine(n, lines[n - 1]));
                own |= lines[n - 1].Trim().Length > 0;
            }
            foreach (var child in startingAt[n])
                body.Add(new SourceLine(n, Outline(child, lines[n - 1])));
        }
        if (node.Definition is null && !own)
            return [];
        var d = node.Definition;
        var symbol = d is null ? System.IO.Path.GetFileName(path) : node.Symbol;
        var kind = d?.Kind ?? "file";
        var header = d is null ? $"{path} | file" : $"{path} | {kind} {symbol} | {OneLine(d.Signature ?? d.Name)}";
        if (d?.Doc is { Length: > 0 } doc && !body.Any(l => l.Text.Contains(FirstWords(doc), StringComparison.Ordinal)))
            header += " | " + OneLine(doc);
        return builder.Build(path, symbol, kind, language, header, body, node.StartLine, node.EndLine);
    }

    private static string Outline(Node child, string firstLine)
    {
        var indent = firstLine[..(firstLine.Length - firstLine.TrimStart().Length)];
        var signature = child.Definition!.Signature is { Length: > 0 } s ? OneLine(s) : firstLine.Trim();
        return $"{indent}{signature} …";
    }

    private static string OneLine(string text) => Tokens.Whitespace.Collapse(text);

    private static string FirstWords(string doc)
    {
        var collapsed = OneLine(doc);
        return collapsed.Length <= 24 ? collapsed : collapsed[..24];
    }
}
