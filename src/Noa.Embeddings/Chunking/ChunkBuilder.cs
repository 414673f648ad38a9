using System.Security.Cryptography;
using System.Text;

namespace Noa.Embeddings.Chunking;

/// <summary>
/// Turns a body of lines into one chunk, or into windows of lines when it is over the token budget. Nothing is
/// dropped: a line longer than the budget on its own is cut between words.
/// </summary>
internal sealed class ChunkBuilder(ChunkOptions options)
{
    private const int MaxHeaderChars = 240;

    public IEnumerable<Chunk> Build(string path, string symbol, string kind, string language, string header,
        IReadOnlyList<SourceLine> body, int startLine, int endLine)
    {
        if (header.Length > MaxHeaderChars)
            header = header[..MaxHeaderChars];
        var tokens = options.Tokens;
        var headerTokens = tokens.CountWords(header);
        var lineTokens = body.Select(l => tokens.CountWords(l.Text)).ToArray();
        if (tokens.SpecialTokens + headerTokens + lineTokens.Sum() <= options.MaxTokens)
        {
            yield return Make(path, symbol, kind, language, header, body, startLine, endLine, 0);
            yield break;
        }
        var budget = Math.Max(options.MaxTokens / 4, options.MaxTokens - tokens.SpecialTokens - headerTokens);
        var part = 0;
        foreach (var window in Windows(body, lineTokens, budget))
            yield return Make(path, symbol, kind, language, header, window, window[0].Number, window[^1].Number, ++part);
    }

    private IEnumerable<List<SourceLine>> Windows(IReadOnlyList<SourceLine> body, int[] lineTokens, int budget)
    {
        var start = 0;
        while (start < body.Count)
        {
            if (lineTokens[start] > budget)
            {
                foreach (var piece in CutLine(body[start], budget))
                    yield return [piece];
                start++;
                continue;
            }
            var end = start;
            var used = lineTokens[start];
            while (end + 1 < body.Count && used + lineTokens[end + 1] <= budget)
                used += lineTokens[++end];
            yield return body.Skip(start).Take(end - start + 1).ToList();
            if (end + 1 >= body.Count)
                yield break;
            start = Math.Max(start + 1, end + 1 - options.OverlapLines);
        }
    }

    private IEnumerable<SourceLine> CutLine(SourceLine line, int budget)
    {
        var piece = new StringBuilder();
        var used = 0;
        foreach (var word in line.Text.Split(' '))
        {
            var cost = options.Tokens.CountWords(word);
            if (piece.Length > 0 && used + cost > budget)
            {
                yield return line with { Text = piece.ToString() };
                piece.Clear();
                used = 0;
            }
            if (piece.Length > 0)
                piece.Append(' ');
            piece.Append(word);
            used += cost;
        }
        if (piece.Length > 0)
            yield return line with { Text = piece.ToString() };
    }

    private Chunk Make(string path, string symbol, string kind, string language, string header,
        IReadOnlyList<SourceLine> lines, int startLine, int endLine, int part)
    {
        var text = header + "\n" + string.Join("\n", lines.Select(l => l.Text));
        var tokenCount = options.Tokens.SpecialTokens + options.Tokens.CountWords(text);
        var id = Sha256($"{path}\n{startLine}:{endLine}\n{text}");
        return new Chunk(id, Sha256(text), path, symbol, kind, language, startLine, endLine, text, tokenCount, part);
    }

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
