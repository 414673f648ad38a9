using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Embeddings.Chunking;
using Noa.Embeddings.Tokens;

namespace Noa.Bench.Embeddings;

/// <summary>
/// Builds a CodeSearchNet-style set from kg.json: queries are the first sentence of a documented function's doc,
/// the pool is those functions plus seeded random distractors, and every doc in the pool's files is blanked
/// (<see cref="DocStripper"/>) and dropped from kg.json before chunking, so no doc text reaches the index.
/// </summary>
internal static partial class CodeCorpus
{
    private static readonly HashSet<string> FunctionKinds = ["function", "method", "constructor"];
    private static readonly HashSet<string> ChunkKinds = ["function", "method", "constructor", "class", "interface", "struct", "record", "enum", "trait"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<LanguageSet> BuildAsync(Target target, int queries, int poolSize, int seed)
    {
        var nodes = new List<KgNode>[target.Parts.Count];
        for (var p = 0; p < target.Parts.Count; p++)
        {
            await using var stream = File.OpenRead(target.Parts[p].KgJson);
            var graph = await JsonSerializer.DeserializeAsync<Graph>(stream, Json) ?? throw new InvalidDataException(target.Parts[p].KgJson);
            nodes[p] = [.. (graph.Nodes ?? []).Where(n => ChunkKinds.Contains(n.Kind) && n.File is not null && n.Range is { Length: 4 })];
        }
        var files = new Dictionary<(int, string), string[]?>();
        string[]? Stripped(int part, string file)
        {
            if (files.TryGetValue((part, file), out var lines))
                return lines;
            var path = Path.Combine(target.Parts[part].Root, file);
            lines = File.Exists(path) ? File.ReadAllText(path).Split('\n').Select(l => l.TrimEnd('\r')).ToArray() : null;
            if (lines is not null)
                foreach (var d in nodes[part].Where(n => n.File == file && n.Doc is { Length: > 0 }))
                    DocStripper.Strip(lines, d.Range![0], d.Range[2], d.Language == "python");
            return files[(part, file)] = lines;
        }

        // every function once: copies (same code after stripping) and test code are left out
        var functions = new List<Function>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < nodes.Length; p++)
            foreach (var n in nodes[p].Where(n => FunctionKinds.Contains(n.Kind) && target.Languages.Contains(n.Language) && !Excluded(n.File!))
                         .OrderBy(n => n.File, StringComparer.Ordinal).ThenBy(n => n.Range![0]))
            {
                if (Stripped(p, n.File!) is not { } lines || n.Range![2] > lines.Length)
                    continue;
                var code = Whitespace.Collapse(string.Join("\n", lines[(n.Range[0] - 1)..n.Range[2]]));
                if (code.Length > 0 && seen.Add(code))
                    functions.Add(new Function($"{p}:{n.File}:{n.Range[0]}:{n.Range[2]}", p, n));
            }

        // a query's text must name one function only
        var documented = functions.Select(f => (Function: f, Text: FirstSentence(f.Node.Doc)))
            .Where(x => x.Text is not null && x.Text.Split(' ').Length >= 5 && x.Function.EndLine - x.Function.StartLine >= 2)
            .ToList();
        var counts = documented.GroupBy(x => x.Text!.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
        var candidates = documented.Where(x => counts[x.Text!.ToLowerInvariant()] == 1).ToList();
        var random = new Random(seed);
        var picked = Shuffle(candidates, random).Take(queries).Select(x => new Query(x.Text!, x.Function.Node.Doc!, x.Function)).ToList();
        var answers = picked.Select(q => q.Answer.Key).ToHashSet();
        var pool = picked.Select(q => q.Answer)
            .Concat(Shuffle(functions.Where(f => !answers.Contains(f.Key)).ToList(), random).Take(Math.Max(0, poolSize - picked.Count)))
            .ToList();

        var chunks = await ChunkAsync(target, nodes, pool, Stripped);
        var byFunction = chunks.ToLookup(c => c.FunctionKey);
        var clean = picked.Where(q => !Leaks(q, byFunction[q.Answer.Key])).ToList();
        return new LanguageSet(target.Name, chunks, clean, pool.Count, candidates.Count, picked.Count - clean.Count);
    }

    /// <summary>Whether an answer's chunks still hold its doc: the query sentence, or any eight words of the doc in a row.</summary>
    public static bool Leaks(Query query, IEnumerable<PoolChunk> chunks)
    {
        var text = string.Join("\n", chunks.Select(c => Normalise(c.Chunk.Text)));
        if (text.Contains(Normalise(query.Text), StringComparison.Ordinal))
            return true;
        var words = Normalise(query.Doc).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 8 <= words.Length; i++)
            if (text.Contains(string.Join(' ', words[i..(i + 8)]), StringComparison.Ordinal))
                return true;
        return false;
    }

    private static async Task<List<PoolChunk>> ChunkAsync(Target target, List<KgNode>[] nodes, List<Function> pool,
        Func<int, string, string[]?> stripped)
    {
        var result = new List<PoolChunk>();
        foreach (var part in pool.GroupBy(f => f.Part))
        {
            var inPool = part.ToDictionary(f => (f.Node.File!, f.StartLine, f.EndLine, f.Node.Kind));
            var poolFiles = part.Select(f => f.Node.File!).ToHashSet(StringComparer.Ordinal);
            // docs dropped too: the chunker would otherwise put a doc that is not in the lines into the header
            var definitions = nodes[part.Key].Where(n => poolFiles.Contains(n.File!)).Select(n => n with { Doc = null }).ToList();
            var kg = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new Graph(definitions), Json));
            var chunked = await Chunker.FromGraphAsync(kg, file => stripped(part.Key, file) is { } lines ? string.Join("\n", lines) : null);
            var byFile = definitions.ToLookup(d => d.File!);
            foreach (var chunk in chunked.Chunks.Where(c => FunctionKinds.Contains(c.Kind)))
            {
                // the innermost definition of the chunk's kind that holds its lines
                var owner = byFile[chunk.Path].Where(d => d.Kind == chunk.Kind && d.Range![0] <= chunk.StartLine && d.Range[2] >= chunk.EndLine)
                    .OrderBy(d => d.Range![2] - d.Range[0]).FirstOrDefault();
                if (owner is not null && inPool.TryGetValue((owner.File!, owner.Range![0], owner.Range[2], owner.Kind), out var f))
                    result.Add(new PoolChunk($"{part.Key}-{chunk.Id[..32]}", f.Key, chunk));
            }
        }
        return result;
    }

    private static bool Excluded(string path) =>
        TestPath().IsMatch(path) || path.EndsWith(".d.ts", StringComparison.Ordinal) || path.Contains(".min.", StringComparison.Ordinal)
        || path.Contains("/dist/", StringComparison.Ordinal);

    /// <summary>The doc's first sentence (up to a full stop followed by a space), whitespace collapsed.</summary>
    public static string? FirstSentence(string? doc)
    {
        if (doc is null)
            return null;
        var text = Whitespace.Collapse(doc);
        var end = SentenceEnd().Match(text);
        return (end.Success ? text[..(end.Index + 1)] : text).Trim();
    }

    public static string Normalise(string text) => Whitespace.Collapse(text).ToLowerInvariant();

    private static List<T> Shuffle<T>(List<T> items, Random random)
    {
        var copy = items.ToList();
        random.Shuffle(CollectionsMarshalSpan(copy));
        return copy;
    }

    private static Span<T> CollectionsMarshalSpan<T>(List<T> list) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);

    [GeneratedRegex(@"(^|/)(tests?|testdata|__tests__|test_support)/|_test\.|(^|/)test_[^/]*$|\.test\.|\.spec\.")]
    private static partial Regex TestPath();

    [GeneratedRegex(@"[.!?](?=\s)")]
    private static partial Regex SentenceEnd();

    private sealed record Graph(List<KgNode>? Nodes);
}
