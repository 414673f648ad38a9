using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

internal sealed partial class FileExtractor
{
    // Definitions ordered by start (outer before inner), for "which definition encloses this node".
    private sealed class Definitions(List<Pending> ordered)
    {
        private readonly int[] _starts = ordered.Select(p => p.Node.StartByte).ToArray();
        public int[] Parents { get; } = new int[ordered.Count];

        /// <summary>The innermost definition containing <paramref name="node"/>, or -1.</summary>
        public int Owner(Node node)
        {
            var i = LastStartingAtOrBefore(node.StartByte);
            while (i >= 0 && ordered[i].Node.EndByte < node.EndByte)
            {
                i = Parents[i];
            }
            return i;
        }

        /// <summary>The definition whose node is exactly <paramref name="node"/>, or -1.</summary>
        public int At(Node node)
        {
            var i = Array.BinarySearch(_starts, node.StartByte);
            if (i < 0)
            {
                return -1;
            }
            while (i > 0 && _starts[i - 1] == node.StartByte)
            {
                i--;
            }
            for (; i < _starts.Length && _starts[i] == node.StartByte; i++)
            {
                if (ordered[i].Node.EndByte == node.EndByte)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The definition an annotation belongs to: the callable containing it (Java, C#: annotations are
        /// inside the declaration), else the first definition after it (Python decorators, Rust attributes).</summary>
        public int Decorated(Node annotation)
        {
            var owner = Owner(annotation);
            if (owner >= 0 && (ordered[owner].Node.StartByte == annotation.StartByte || IsHeader(owner, annotation)))
            {
                return owner;
            }
            var next = LastStartingAtOrBefore(annotation.EndByte) + 1;
            while (next < ordered.Count && ordered[next].Node.StartByte < annotation.EndByte)
            {
                next++;
            }
            return next < ordered.Count ? next : owner;
        }

        public bool IsCallable(int index) => ordered[index].Kind is "function" or "method" or "constructor";

        // An annotation in a declaration's header (before its body), rather than somewhere in its body.
        private bool IsHeader(int owner, Node annotation)
        {
            var body = ordered[owner].Node.Field("body");
            return body.IsNull || annotation.EndByte <= body.StartByte;
        }

        private int LastStartingAtOrBefore(int offset)
        {
            var i = Array.BinarySearch(_starts, offset);
            if (i < 0)
            {
                return ~i - 1;
            }
            while (i + 1 < _starts.Length && _starts[i + 1] == offset)
            {
                i++;
            }
            return i;
        }
    }
}
