using System.Collections.Frozen;

namespace Noa.TreeSitter;

/// <summary>A grammar compiled into the native library. Shared by every thread; never freed.</summary>
public sealed unsafe class Language
{
    private readonly string[] _symbols;
    private readonly string[] _fields;

    private Language(string name, nint handle)
    {
        Name = name;
        Handle = handle;
        _symbols = new string[Native.ts_language_symbol_count(handle)];
        for (var i = 0; i < _symbols.Length; i++)
        {
            _symbols[i] = string.Intern(Native.Utf8(Native.ts_language_symbol_name(handle, (ushort)i)));
        }
        _fields = new string[Native.ts_language_field_count(handle) + 1];
        for (var i = 1; i < _fields.Length; i++)
        {
            _fields[i] = string.Intern(Native.Utf8(Native.ts_language_field_name_for_id(handle, (ushort)i)));
        }
        _fields[0] = "";
        AbiVersion = Native.ts_language_abi_version(handle);
    }

    /// <summary>Our name of the grammar: <c>python</c>, <c>javascript</c>, <c>typescript</c>, <c>tsx</c>, <c>go</c>, <c>rust</c>, <c>java</c>, <c>csharp</c>.</summary>
    public string Name { get; }

    /// <summary>The ABI version the grammar was generated for.</summary>
    public uint AbiVersion { get; }

    internal nint Handle { get; }

    /// <summary>Every grammar in the native library, by name.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    private static readonly FrozenDictionary<string, Func<nint>> Factories = new Dictionary<string, Func<nint>>
    {
        ["python"] = Native.tree_sitter_python,
        ["javascript"] = Native.tree_sitter_javascript,
        ["typescript"] = Native.tree_sitter_typescript,
        ["tsx"] = Native.tree_sitter_tsx,
        ["go"] = Native.tree_sitter_go,
        ["rust"] = Native.tree_sitter_rust,
        ["java"] = Native.tree_sitter_java,
        ["csharp"] = Native.tree_sitter_c_sharp,
    }.ToFrozenDictionary();

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Language> Loaded = [];

    /// <summary>The grammar called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No grammar has that name.</exception>
    /// <exception cref="DllNotFoundException">The native library is not built.</exception>
    public static Language Get(string name)
    {
        lock (Gate)
        {
            if (Loaded.TryGetValue(name, out var language))
            {
                return language;
            }
            if (!Factories.TryGetValue(name, out var factory))
            {
                throw new ArgumentException($"No tree-sitter grammar '{name}'; known: {string.Join(", ", Factories.Keys.Order())}.", nameof(name));
            }
            return Loaded[name] = new Language(name, factory());
        }
    }

    internal string SymbolName(ushort symbol) => symbol < _symbols.Length ? _symbols[symbol] : "";

    internal string FieldName(ushort field) => field < _fields.Length ? _fields[field] : "";

    /// <inheritdoc />
    public override string ToString() => Name;
}
