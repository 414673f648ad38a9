using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

internal sealed partial class FileExtractor
{
    // Definitions ordered by start (outer before inner), for "which definition encloses this node".
    internal sealed class Definitions(List<Pending> ordered)
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

        /// <summary>The innermost function or type enclosing <paramref name="node"/> (a name's scope), or -1: constants and
        /// fields holding it do not count (`const router = Router()` is module-level).</summary>
        public int Scope(Node node)
        {
            var i = Owner(node);
            while (i >= 0 && ordered[i].Kind is not ("function" or "method" or "constructor" or "class" or "interface" or "struct" or "record" or "enum" or "trait" or "module" or "namespace"))
            {
                i = Parents[i];
            }
            return i;
        }

        /// <summary>The one function or method of the file named <paramref name="name"/>, or -1 when there is none or several.</summary>
        public int CallableNamed(string name)
        {
            var found = -1;
            for (var i = 0; i < ordered.Count; i++)
            {
                if (ordered[i].Name == name && IsCallable(i))
                {
                    if (found >= 0)
                    {
                        return -1;
                    }
                    found = i;
                }
            }
            return found;
        }

        /// <summary>The syntax node of definition <paramref name="index"/>.</summary>
        public Node NodeOf(int index) => ordered[index].Node;

        /// <summary>The definition whose syntax is the function <paramref name="fn"/>: the function's own node, or the
        /// declarator or assignment holding it (<c>const f = () => …</c>), or -1 for an anonymous function.</summary>
        public int OfFunction(Node fn)
        {
            var at = At(fn);
            if (at >= 0)
            {
                return at;
            }
            var parent = fn.Parent;
            return parent.IsNull || parent.Kind is not ("variable_declarator" or "assignment_expression" or "pair" or "decorated_definition") ? -1 : At(parent);
        }

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
