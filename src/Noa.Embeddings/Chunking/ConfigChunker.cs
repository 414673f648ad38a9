namespace Noa.Embeddings.Chunking;

/// <summary>
/// Chunks configuration files whole when they fit, else by top-level key (YAML, JSON) or section (TOML, INI);
/// a key too large on its own is cut into line windows by the builder.
/// </summary>
internal sealed class ConfigChunker(ChunkBuilder builder, ChunkOptions options)
{
    public IEnumerable<Chunk> Chunk(string path, string language, string[] lines)
    {
        var all = lines.Select((l, i) => new SourceLine(i + 1, l)).ToList();
        var fileName = Path.GetFileName(path);
        var whole = options.Tokens.SpecialTokens + options.Tokens.CountWords($"{path} | {fileName}\n" + string.Join("\n", lines));
        var starts = whole <= options.MaxTokens ? [] : TopLevel(language, lines);
        if (starts.Count == 0)
            return builder.Build(path, fileName, "file", language, $"{path} | {fileName}", all, 1, Math.Max(1, lines.Length));
        if (starts[0].Index > 0)
            starts.Insert(0, (0, fileName));
        return starts.SelectMany((s, k) =>
        {
            var end = k + 1 < starts.Count ? starts[k + 1].Index : lines.Length;
            var kind = s.Key == fileName ? "file" : "key";
            return builder.Build(path, s.Key, kind, language, $"{path} | {s.Key}", all[s.Index..end], s.Index + 1, end);
        });
    }

    private static List<(int Index, string Key)> TopLevel(string language, string[] lines) => language switch
    {
        "json" => JsonKeys(lines),
        "toml" or "ini" => [.. lines.Select((l, i) => (i, l.Trim())).Where(x => x.Item2.StartsWith('[')).Select(x => (x.i, x.Item2.Trim('[', ']')))],
        _ => [.. lines.Select((l, i) => (i, l)).Where(x => IsYamlKey(x.l)).Select(x => (x.i, x.l[..x.l.IndexOf(':')].Trim().Trim('"', '\'')))],
    };

    private static bool IsYamlKey(string line) =>
        line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] is not ('#' or '-' or '}' or ']') && line.Contains(':');

    // Lines where a key of the outermost object starts, found by tracking depth outside strings.
    private static List<(int, string)> JsonKeys(string[] lines)
    {
        var keys = new List<(int, string)>();
        var depth = 0;
        var inString = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            for (var c = 0; c < line.Length; c++)
            {
                var ch = line[c];
                if (inString)
                {
                    if (ch == '\\') c++;
                    else if (ch == '"') inString = false;
                    continue;
                }
                if (ch == '"')
                {
                    if (depth == 1 && IsKeyStart(line, c))
                    {
                        var close = line.IndexOf('"', c + 1);
                        keys.Add((i, close > c ? line[(c + 1)..close] : line[(c + 1)..]));
                    }
                    inString = true;
                }
                else if (ch is '{' or '[') depth++;
                else if (ch is '}' or ']') depth--;
            }
        }
        return keys;
    }

    private static bool IsKeyStart(string line, int quote)
    {
        var before = line[..quote].TrimEnd();
        return before.Length == 0 || before[^1] is '{' or ',';
    }
}
