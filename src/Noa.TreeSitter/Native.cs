using System.Reflection;
using System.Runtime.InteropServices;

namespace Noa.TreeSitter;

/// <summary>A node as the C library passes it: 32 bytes, by value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TSNode
{
    public uint Context0, Context1, Context2, Context3;
    public nint Id;
    public nint Tree;
}

/// <summary>A row/column position; columns count bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Point(uint Row, uint Column);

[StructLayout(LayoutKind.Sequential)]
internal struct TSTreeCursor
{
    public nint Tree;
    public nint Id;
    public uint Context0, Context1, Context2;
}

[StructLayout(LayoutKind.Sequential)]
internal struct TSQueryCapture
{
    public TSNode Node;
    public uint Index;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TSQueryMatch
{
    public uint Id;
    public ushort PatternIndex;
    public ushort CaptureCount;
    public TSQueryCapture* Captures;
}

[StructLayout(LayoutKind.Sequential)]
internal struct TSQueryPredicateStep
{
    public uint Type; // 0 done, 1 capture, 2 string
    public uint ValueId;
}

/// <summary>The C API of tree-sitter 0.25 (api.h), as far as we use it.</summary>
internal static unsafe partial class Native
{
    public const string Library = "noa-tree-sitter";
    public const string FileName = "libnoa-tree-sitter.so";

    // An explicit static constructor runs before the first native call.
    static Native() => NativeLibrary.SetDllImportResolver(typeof(Native).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return 0;
        }
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }
        throw new DllNotFoundException(
            $"{FileName} (the tree-sitter parsers) was not found beside the program ({AppContext.BaseDirectory}) or in native/build: " +
            "build it with `make build` (scripts/build-native.sh), or point NOA_TREE_SITTER_LIB at it.");
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("NOA_TREE_SITTER_LIB") is { Length: > 0 } configured)
        {
            yield return configured;
        }
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        // A development tree: walk up to the repository's native/build.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, "native", "build", FileName);
        }
    }

    // Languages
    [LibraryImport(Library)] public static partial nint tree_sitter_python();
    [LibraryImport(Library)] public static partial nint tree_sitter_javascript();
    [LibraryImport(Library)] public static partial nint tree_sitter_typescript();
    [LibraryImport(Library)] public static partial nint tree_sitter_tsx();
    [LibraryImport(Library)] public static partial nint tree_sitter_go();
    [LibraryImport(Library)] public static partial nint tree_sitter_rust();
    [LibraryImport(Library)] public static partial nint tree_sitter_java();
    [LibraryImport(Library)] public static partial nint tree_sitter_c_sharp();

    [LibraryImport(Library)] public static partial uint ts_language_symbol_count(nint language);
    [LibraryImport(Library)] public static partial byte* ts_language_symbol_name(nint language, ushort symbol);
    [LibraryImport(Library)] public static partial uint ts_language_field_count(nint language);
    [LibraryImport(Library)] public static partial byte* ts_language_field_name_for_id(nint language, ushort id);
    [LibraryImport(Library)] public static partial uint ts_language_abi_version(nint language);

    // Parser and tree
    [LibraryImport(Library)] public static partial nint ts_parser_new();
    [LibraryImport(Library)] public static partial void ts_parser_delete(nint parser);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_parser_set_language(nint parser, nint language);
    [LibraryImport(Library)] public static partial void ts_parser_set_timeout_micros(nint parser, ulong timeout);
    [LibraryImport(Library)] public static partial void ts_parser_reset(nint parser);
    [LibraryImport(Library)] public static partial nint ts_parser_parse_string(nint parser, nint oldTree, byte* text, uint length);
    [LibraryImport(Library)] public static partial void ts_tree_delete(nint tree);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_tree_root_node(nint tree);

    // Nodes and tree cursors: leaf functions of a few nanoseconds that neither block, allocate nor call back, called
    // millions of times per source: no GC transition (it cost more than the call).
    [LibraryImport(Library), SuppressGCTransition] public static partial ushort ts_node_symbol(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_node_start_byte(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_node_end_byte(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial Point ts_node_start_point(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial Point ts_node_end_point(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_node_child_count(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_node_named_child_count(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_child(TSNode node, uint index);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_named_child(TSNode node, uint index);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_child_by_field_name(TSNode node, byte* name, uint length);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_parent(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_next_named_sibling(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_prev_named_sibling(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_prev_sibling(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_null(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_named(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_has_error(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_error(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_missing(TSNode node);

    // Tree cursor
    [LibraryImport(Library)] public static partial TSTreeCursor ts_tree_cursor_new(TSNode node);
    [LibraryImport(Library)] public static partial void ts_tree_cursor_delete(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_tree_cursor_current_node(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] public static partial ushort ts_tree_cursor_current_field_id(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_first_child(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_next_sibling(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_parent(TSTreeCursor* cursor);

    // Queries
    [LibraryImport(Library)] public static partial nint ts_query_new(nint language, byte* source, uint length, out uint errorOffset, out uint errorType);
    [LibraryImport(Library)] public static partial void ts_query_delete(nint query);
    [LibraryImport(Library)] public static partial uint ts_query_pattern_count(nint query);
    [LibraryImport(Library)] public static partial uint ts_query_capture_count(nint query);
    [LibraryImport(Library)] public static partial byte* ts_query_capture_name_for_id(nint query, uint id, out uint length);
    [LibraryImport(Library)] public static partial uint ts_query_capture_quantifier_for_id(nint query, uint pattern, uint capture);
    [LibraryImport(Library)] public static partial byte* ts_query_string_value_for_id(nint query, uint id, out uint length);
    [LibraryImport(Library)] public static partial TSQueryPredicateStep* ts_query_predicates_for_pattern(nint query, uint pattern, out uint stepCount);
    [LibraryImport(Library)] public static partial nint ts_query_cursor_new();
    [LibraryImport(Library)] public static partial void ts_query_cursor_delete(nint cursor);
    [LibraryImport(Library)] public static partial void ts_query_cursor_exec(nint cursor, nint query, TSNode node);
    [LibraryImport(Library)] public static partial void ts_query_cursor_set_match_limit(nint cursor, uint limit);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_query_cursor_did_exceed_match_limit(nint cursor);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_query_cursor_next_match(nint cursor, TSQueryMatch* match);

    public static string Utf8(byte* text) => text is null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
    public static string Utf8(byte* text, uint length) => text is null ? "" : System.Text.Encoding.UTF8.GetString(text, (int)length);
}
