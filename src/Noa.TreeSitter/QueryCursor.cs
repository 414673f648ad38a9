namespace Noa.TreeSitter;

/// <summary>One capture of a match: the node and the capture's name.</summary>
public readonly record struct Capture(Node Node, string Name);

/// <summary>One match of a pattern, with its captures in the order the pattern names them.</summary>
public sealed class QueryMatch(int pattern, Capture[] captures)
{
    /// <summary>Index of the matching pattern in its query.</summary>
    public int Pattern { get; } = pattern;

    /// <summary>The captures.</summary>
    public Capture[] Captures { get; } = captures;

    /// <summary>The first node captured as <paramref name="name"/>, or a null node.</summary>
    public Node this[string name]
    {
        get
        {
            foreach (var c in Captures)
            {
                if (c.Name == name)
                {
                    return c.Node;
                }
            }
            return default;
        }
    }
}

/// <summary>Runs queries over trees. One per thread; reuse it across files.</summary>
public sealed unsafe class QueryCursor : IDisposable
{
    private nint _handle = Native.ts_query_cursor_new();

    /// <summary>Creates a cursor that keeps at most <paramref name="matchLimit"/> in-progress matches (bounds memory on
    /// pathological files).</summary>
    public QueryCursor(uint matchLimit = 4096) => Native.ts_query_cursor_set_match_limit(_handle, matchLimit);

    /// <summary>True when the last run dropped matches because of the match limit.</summary>
    public bool ExceededMatchLimit => Native.ts_query_cursor_did_exceed_match_limit(_handle);

    /// <summary>Every match of <paramref name="query"/> under <paramref name="node"/> whose predicates hold, in
    /// document order of their first capture.</summary>
    public List<QueryMatch> Matches(Query query, Node node)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        var tree = node.Tree;
        Native.ts_query_cursor_exec(_handle, query.Handle, node.Raw);
        var results = new List<QueryMatch>();
        TSQueryMatch match;
        while (Native.ts_query_cursor_next_match(_handle, &match))
        {
            if (!query.Satisfies(match, tree))
            {
                continue;
            }
            var captures = new Capture[match.CaptureCount];
            for (var i = 0; i < captures.Length; i++)
            {
                captures[i] = new Capture(new Node(match.Captures[i].Node, tree), query.CaptureNames[match.Captures[i].Index]);
            }
            results.Add(new QueryMatch(match.PatternIndex, captures));
        }
        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != 0)
        {
            Native.ts_query_cursor_delete(_handle);
            _handle = 0;
        }
    }
}
