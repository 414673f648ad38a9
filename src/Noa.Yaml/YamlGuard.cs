using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Noa.Yaml;

/// <summary>
/// Refuses YAML alias bombs ("billion laughs") and absurd nesting before any object graph is built: it walks
/// the parser's event stream, giving every anchored node the size of its subtree (aliases inside it counted at
/// their own expanded size), and counts each alias at the size of the subtree it names. The running total is the
/// node count after expansion, bounded by the caller's limit (Intake: <c>Noa:Intake:MaxYamlNodes</c>).
/// </summary>
public static class YamlGuard
{
    private const int MaxDepth = 512;

    /// <summary>Null when <paramref name="yaml"/> is safe to load; else why not, naming <paramref name="name"/>.</summary>
    public static string? Check(string yaml, long maxNodes, string name)
    {
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        // Each open collection: its anchor (if any) and the expanded size of its subtree so far.
        var open = new Stack<(string? Anchor, long Size)>();
        long total = 0;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                long added;
                switch (parser.Current)
                {
                    case Scalar scalar:
                        added = 1;
                        Record(scalar.Anchor);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out added))
                        {
                            return $"{name}: alias '*{alias.Value.Value}' names no anchor (line {alias.Start.Line})";
                        }
                        break;
                    case NodeEvent { } start and (MappingStart or SequenceStart):
                        if (open.Count >= MaxDepth)
                        {
                            return $"{name}: nesting deeper than {MaxDepth} levels (line {start.Start.Line})";
                        }
                        open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, 1));
                        total++;
                        continue;
                    case MappingEnd or SequenceEnd:
                        var (anchor, size) = open.Pop();
                        if (anchor is not null)
                        {
                            anchors[anchor] = size;
                        }
                        AddToParent(size);
                        continue;
                    default:
                        continue;
                }
                total += added;
                AddToParent(added);
                if (total > maxNodes)
                {
                    return $"{name}: more than {maxNodes} YAML nodes once aliases are expanded (an alias bomb?); refused before parsing";
                }

                void Record(AnchorName anchorName)
                {
                    if (!anchorName.IsEmpty)
                    {
                        anchors[anchorName.Value] = 1;
                    }
                }
            }
        }
        catch (YamlException ex)
        {
            return $"{name}: invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}";
        }
        return total > maxNodes
            ? $"{name}: more than {maxNodes} YAML nodes once aliases are expanded (an alias bomb?); refused before parsing"
            : null;

        void AddToParent(long size)
        {
            if (open.Count > 0)
            {
                var (anchor, current) = open.Pop();
                open.Push((anchor, current + size));
            }
        }
    }
}
