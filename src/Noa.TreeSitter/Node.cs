using System.Text;

namespace Noa.TreeSitter;

/// <summary>A syntax node. Valid while its <see cref="Tree"/> is not disposed.</summary>
public readonly unsafe struct Node : IEquatable<Node>
{
    internal readonly TSNode Raw;
    private readonly Tree _tree;

    internal Node(TSNode raw, Tree tree)
    {
        Raw = raw;
        _tree = tree;
    }

    /// <summary>True for the absent node (no such child, no parent). Its kind and text are empty, it has no children
    /// and no parent: the native library must never see it.</summary>
    public bool IsNull => Raw.Id == 0;

    /// <summary>The node type, e.g. <c>function_definition</c>.</summary>
    public string Kind => IsNull ? "" : _tree.Language.SymbolName(Native.ts_node_symbol(Raw));

    /// <summary>Named (a grammar rule) rather than anonymous (punctuation, keywords).</summary>
    public bool IsNamed => Native.ts_node_is_named(Raw);

    /// <summary>This node or a descendant is a syntax error or missing token.</summary>
    public bool HasError => Native.ts_node_has_error(Raw);

    /// <summary>This node is a syntax error.</summary>
    public bool IsError => Native.ts_node_is_error(Raw);

    /// <summary>Byte offset of the first byte.</summary>
    public int StartByte => (int)Native.ts_node_start_byte(Raw);

    /// <summary>Byte offset just past the last byte.</summary>
    public int EndByte => (int)Native.ts_node_end_byte(Raw);

    /// <summary>Zero-based row and byte column of the start.</summary>
    public Point Start => Native.ts_node_start_point(Raw);

    /// <summary>One-based line of the start.</summary>
    public int Line => (int)Native.ts_node_start_point(Raw).Row + 1;

    /// <summary>Zero-based row and byte column of the end.</summary>
    public Point End => Native.ts_node_end_point(Raw);

    /// <summary>The tree this node belongs to.</summary>
    public Tree Tree => _tree;

    /// <summary>Number of children, named or not.</summary>
    public int ChildCount => IsNull ? 0 : (int)Native.ts_node_child_count(Raw);

    /// <summary>Number of named children.</summary>
    public int NamedChildCount => IsNull ? 0 : (int)Native.ts_node_named_child_count(Raw);

    /// <summary>The parent, or a null node at the root.</summary>
    public Node Parent => IsNull ? default : new(Native.ts_node_parent(Raw), _tree);

    /// <summary>The next named sibling, or a null node.</summary>
    public Node NextNamedSibling => new(Native.ts_node_next_named_sibling(Raw), _tree);

    /// <summary>The previous named sibling, or a null node.</summary>
    public Node PreviousNamedSibling => new(Native.ts_node_prev_named_sibling(Raw), _tree);

    /// <summary>The previous sibling (named or not), or a null node.</summary>
    public Node PreviousSibling => new(Native.ts_node_prev_sibling(Raw), _tree);

    /// <summary>The child at <paramref name="index"/>.</summary>
    public Node Child(int index) => IsNull ? default : new(Native.ts_node_child(Raw, (uint)index), _tree);

    /// <summary>The named child at <paramref name="index"/>.</summary>
    public Node NamedChild(int index) => IsNull ? default : new(Native.ts_node_named_child(Raw, (uint)index), _tree);

    /// <summary>The child in field <paramref name="field"/> (e.g. <c>name</c>), or a null node.</summary>
    public Node Field(string field)
    {
        if (IsNull)
        {
            return default;
        }
        Span<byte> name = stackalloc byte[Encoding.UTF8.GetByteCount(field)];
        Encoding.UTF8.GetBytes(field, name);
        fixed (byte* p = name)
        {
            return new Node(Native.ts_node_child_by_field_name(Raw, p, (uint)name.Length), _tree);
        }
    }

    /// <summary>The children in order, walked with a tree cursor (linear, unlike indexing).</summary>
    public IEnumerable<Node> Children()
    {
        var list = new List<Node>();
        if (IsNull)
        {
            return list;
        }
        var cursor = Native.ts_tree_cursor_new(Raw);
        try
        {
            if (Native.ts_tree_cursor_goto_first_child(&cursor))
            {
                do
                {
                    list.Add(new Node(Native.ts_tree_cursor_current_node(&cursor), _tree));
                }
                while (Native.ts_tree_cursor_goto_next_sibling(&cursor));
            }
        }
        finally
        {
            Native.ts_tree_cursor_delete(&cursor);
        }
        return list;
    }

    /// <summary>The named children in order.</summary>
    public IEnumerable<Node> NamedChildren() => Children().Where(c => c.IsNamed);

    /// <summary>The node's source text.</summary>
    public string Text => IsNull ? "" : Encoding.UTF8.GetString(_tree.Source, StartByte, EndByte - StartByte);

    /// <summary>The node's source bytes.</summary>
    public ReadOnlySpan<byte> Utf8 => IsNull ? default : _tree.Source.AsSpan(StartByte, EndByte - StartByte);

    /// <summary>The nearest ancestor (or this node) whose kind satisfies <paramref name="match"/>, or a null node.</summary>
    public Node Ancestor(Func<string, bool> match)
    {
        for (var n = this; !n.IsNull; n = n.Parent)
        {
            if (match(n.Kind))
            {
                return n;
            }
        }
        return default;
    }

    /// <inheritdoc />
    public bool Equals(Node other) => Raw.Id == other.Raw.Id && Raw.Context0 == other.Raw.Context0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Node n && Equals(n);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Raw.Id, Raw.Context0);

    /// <inheritdoc />
    public override string ToString() => IsNull ? "(null)" : $"({Kind} {Start.Row + 1}:{Start.Column}-{End.Row + 1}:{End.Column})";

    /// <summary>Equality.</summary>
    public static bool operator ==(Node left, Node right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Node left, Node right) => !left.Equals(right);
}
