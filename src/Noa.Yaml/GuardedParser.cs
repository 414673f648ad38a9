using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Noa.Yaml;

/// <summary>
/// A YamlDotNet <see cref="IParser"/> that enforces <see cref="YamlLimits"/> on the event stream: depth, aliases, scalar size,
/// and the node count once aliases are expanded (each anchored node weighs its subtree, aliases inside it at their own
/// weight; an alias adds the weight of what it names), plus the time budget and cancellation of its reader. It can be
/// handed to the deserializer or the representation model directly: one pass, nothing built beyond the limits.
/// </summary>
internal sealed class GuardedParser : IParser
{
    private readonly IParser _inner;
    private readonly GuardedReader _reader;
    private readonly YamlLimits _limits;
    private readonly string _name;
    private readonly Dictionary<AnchorName, long> _weights = [];
    private readonly Stack<(AnchorName Anchor, long Start)> _open = new();
    private long _nodes;
    private int _aliases;
    private int _events;

    public GuardedParser(string text, YamlLimits limits, string name, CancellationToken cancellationToken)
    {
        (_limits, _name) = (limits, name);
        if (text.Length > limits.MaxChars)
            throw new YamlLimitException($"{name}: larger than {limits.MaxChars:N0} characters (limit MaxChars)");
        _reader = new GuardedReader(text, limits, System.Diagnostics.Stopwatch.GetTimestamp(), cancellationToken);
        _inner = new Parser(_reader);
    }

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (++_events % 256 == 0)
            _reader.Check();
        try
        {
            if (!_inner.MoveNext())
                return false;
        }
        catch (InvalidOperationException bug)
        {
            // YamlDotNet's scanner throws this on some malformed input (an unclosed flow sequence): it is bad input all the same.
            var at = _inner.Current?.End ?? Mark.Empty;
            throw new YamlException(at, at, $"{_name}: malformed YAML near line {at.Line} ({bug.Message})", bug);
        }
        var e = _inner.Current!;
        switch (e)
        {
            case AnchorAlias alias:
                if (++_aliases > _limits.MaxAliases)
                    throw Refuse(e, $"more than {_limits.MaxAliases:N0} aliases (limit MaxAliases)");
                if (!_weights.TryGetValue(alias.Value, out var weight))
                    throw new YamlException(e.Start, e.End, $"{_name}: alias '*{alias.Value.Value}' names no anchor before it (line {e.Start.Line})");
                Add(weight, e);
                break;
            case Scalar scalar:
                if (scalar.Value.Length > _limits.MaxScalarChars)
                    throw Refuse(e, $"a scalar of more than {_limits.MaxScalarChars:N0} characters (limit MaxScalarChars)");
                Add(1, e);
                if (!scalar.Anchor.IsEmpty)
                    _weights[scalar.Anchor] = 1;
                break;
            case MappingStart or SequenceStart:
                Add(1, e);
                if (_open.Count >= _limits.MaxDepth)
                    throw Refuse(e, $"nesting deeper than {_limits.MaxDepth} levels (limit MaxDepth)");
                _open.Push((((NodeEvent)e).Anchor, _nodes));
                break;
            case MappingEnd or SequenceEnd:
                var (anchor, start) = _open.Pop();
                if (!anchor.IsEmpty)
                    _weights[anchor] = _nodes - start + 1;
                break;
        }
        return true;
    }

    private void Add(long weight, ParsingEvent e)
    {
        _nodes += weight;
        if (_nodes > _limits.MaxNodes)
            throw Refuse(e, $"more than {_limits.MaxNodes:N0} nodes once its aliases are expanded (limit MaxNodes; an alias bomb?)");
    }

    private YamlLimitException Refuse(ParsingEvent e, string what) =>
        new(e.Start, $"{_name}: {what}, at line {e.Start.Line}");
}
