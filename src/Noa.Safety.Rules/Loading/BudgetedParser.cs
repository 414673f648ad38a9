using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Noa.Safety.Rules.Loading;

/// <summary>
/// Counts the nodes a YAML document stands for once every alias is expanded, and its nesting depth, and stops the
/// read when either passes its budget: a "billion laughs" file of a few hundred bytes names 10^9 nodes, and anything
/// that walks the deserialized graph would pay for each of them.
/// </summary>
internal sealed class BudgetedParser(IParser inner, long maxNodes, int maxDepth) : IParser
{
    private readonly Dictionary<AnchorName, long> _weights = [];
    private readonly Stack<(AnchorName Anchor, long Start)> _open = new();
    private long _nodes;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }
        var e = inner.Current!;
        switch (e)
        {
            case AnchorAlias alias:
                Add(_weights.TryGetValue(alias.Value, out var weight) ? weight : 1, e);
                break;
            case Scalar scalar:
                Add(1, e);
                if (!scalar.Anchor.IsEmpty)
                {
                    _weights[scalar.Anchor] = 1;
                }
                break;
            case MappingStart or SequenceStart:
                Add(1, e);
                if (_open.Count >= maxDepth)
                {
                    throw new YamlException(e.Start, e.End, $"nesting deeper than {maxDepth} levels");
                }
                _open.Push((((NodeEvent)e).Anchor, _nodes));
                break;
            case MappingEnd or SequenceEnd:
                var (anchor, start) = _open.Pop();
                if (!anchor.IsEmpty)
                {
                    _weights[anchor] = _nodes - start + 1;
                }
                break;
        }
        return true;
    }

    private void Add(long weight, ParsingEvent e)
    {
        _nodes += weight;
        if (_nodes > maxNodes)
        {
            throw new YamlException(e.Start, e.End,
                $"the document expands to more than {maxNodes:N0} nodes once its aliases are expanded (a YAML bomb?)");
        }
    }
}
