namespace Noa.TreeSitter;

/// <summary>A parser: one per thread (it is not thread-safe), reused across files.</summary>
public sealed unsafe class Parser : IDisposable
{
    private nint _handle = Native.ts_parser_new();
    private Language? _language;

    /// <summary>Parses UTF-8 <paramref name="source"/> as <paramref name="language"/>. A source with syntax errors still
    /// gives a tree (its root reports <see cref="Node.HasError"/>).</summary>
    /// <param name="timeout">Gives up after this long (then returns null); null for no limit.</param>
    public Tree? Parse(byte[] source, Language language, TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        if (!ReferenceEquals(_language, language))
        {
            if (!Native.ts_parser_set_language(_handle, language.Handle))
            {
                throw new InvalidOperationException($"The {language.Name} grammar (ABI {language.AbiVersion}) does not fit this tree-sitter core.");
            }
            _language = language;
        }
        Native.ts_parser_set_timeout_micros(_handle, timeout is { } t ? (ulong)Math.Max(1, t.Ticks / 10) : 0);
        nint tree;
        fixed (byte* text = source)
        {
            tree = Native.ts_parser_parse_string(_handle, 0, text, (uint)source.Length);
        }
        if (tree == 0)
        {
            Native.ts_parser_reset(_handle); // timed out: the next parse starts afresh
            return null;
        }
        return new Tree(tree, language, source);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != 0)
        {
            Native.ts_parser_delete(_handle);
            _handle = 0;
        }
    }
}

/// <summary>A syntax tree and the source it was parsed from. Dispose it: the tree lives in native memory.</summary>
public sealed class Tree : IDisposable
{
    private nint _handle;

    internal Tree(nint handle, Language language, byte[] source)
    {
        _handle = handle;
        Language = language;
        Source = source;
    }

    /// <summary>The grammar.</summary>
    public Language Language { get; }

    /// <summary>The UTF-8 source.</summary>
    public byte[] Source { get; }

    /// <summary>The root node.</summary>
    public Node Root
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            return new Node(Native.ts_tree_root_node(_handle), this);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != 0)
        {
            Native.ts_tree_delete(_handle);
            _handle = 0;
        }
    }
}
