namespace Noa.Safety.Secrets.Scanning;

/// <summary>
/// Aho-Corasick over ASCII-lowercased text: one pass tells which keywords occur. Transitions are a dense
/// table per state (128 columns), so the inner loop is one array read per character; characters outside
/// ASCII reset to the root, which is correct because keywords are matched as ASCII.
/// </summary>
internal sealed class KeywordAutomaton
{
    private const int Alphabet = 128;
    private readonly int[] _next;
    private readonly int[][] _outputs;
    private readonly string[] _nonAscii;
    private readonly int[] _nonAsciiIds;

    public KeywordAutomaton(IReadOnlyList<string> keywords)
    {
        Count = keywords.Count;
        var children = new List<int[]> { NewRow() };
        var outputs = new List<List<int>> { new() };
        var nonAscii = new List<(string, int)>();
        for (var k = 0; k < keywords.Count; k++)
        {
            var word = keywords[k].ToLowerInvariant();
            if (word.Length == 0 || word.Any(ch => ch >= Alphabet))
            {
                nonAscii.Add((word, k));
                continue;
            }
            var state = 0;
            foreach (var ch in word)
            {
                if (children[state][ch] < 0)
                {
                    children[state][ch] = children.Count;
                    children.Add(NewRow());
                    outputs.Add(new());
                }
                state = children[state][ch];
            }
            outputs[state].Add(k);
        }
        // Breadth-first: fill missing transitions from the failure state, and inherit its outputs.
        var fail = new int[children.Count];
        var queue = new Queue<int>();
        for (var ch = 0; ch < Alphabet; ch++)
        {
            if (children[0][ch] < 0) { children[0][ch] = 0; }
            else { fail[children[0][ch]] = 0; queue.Enqueue(children[0][ch]); }
        }
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            outputs[s].AddRange(outputs[fail[s]]);
            for (var ch = 0; ch < Alphabet; ch++)
            {
                var t = children[s][ch];
                if (t < 0) { children[s][ch] = children[fail[s]][ch]; continue; }
                fail[t] = children[fail[s]][ch];
                queue.Enqueue(t);
            }
        }
        _next = new int[children.Count * Alphabet];
        for (var s = 0; s < children.Count; s++) { children[s].CopyTo(_next, s * Alphabet); }
        _outputs = outputs.Select(o => o.Distinct().ToArray()).ToArray();
        _nonAscii = nonAscii.Select(n => n.Item1).ToArray();
        _nonAsciiIds = nonAscii.Select(n => n.Item2).ToArray();
    }

    public int Count { get; }

    /// <summary>Marks in <paramref name="found"/> every keyword occurring in <paramref name="text"/>.</summary>
    public void Find(ReadOnlySpan<char> text, bool[] found)
    {
        var next = _next;
        var outputs = _outputs;
        var state = 0;
        foreach (var raw in text)
        {
            if (raw >= Alphabet) { state = 0; continue; }
            var ch = raw is >= 'A' and <= 'Z' ? raw | 0x20 : raw;
            state = next[state * Alphabet + ch];
            var o = outputs[state];
            for (var i = 0; i < o.Length; i++) { found[o[i]] = true; }
        }
        for (var i = 0; i < _nonAscii.Length; i++)
        {
            if (_nonAscii[i].Length > 0 && text.Contains(_nonAscii[i], StringComparison.OrdinalIgnoreCase)) { found[_nonAsciiIds[i]] = true; }
        }
    }

    private static int[] NewRow() => Enumerable.Repeat(-1, Alphabet).ToArray();
}
