using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Languages;

/// <summary>A name an import makes visible: a module (<see cref="Member"/> null) or a member of one.</summary>
/// <param name="Keys">Module keys to look up in the module index, most specific first.</param>
/// <param name="Member">The imported member's name, when the import names one.</param>
/// <param name="Local">The local name it is bound to; null for wildcard imports (every member becomes visible).</param>
/// <param name="Internal">The import names something of this source (a relative path, a path alias, the crate itself)
/// even when no file answers it: never an external package.</param>
internal sealed record ImportTarget(string[] Keys, string? Member, string? Local, bool Internal = false);

/// <summary>What the graph needs to know about a language beyond its query: how files are named as modules, how an
/// import names them, and which definitions share a scope without imports.</summary>
internal abstract class LanguageSpec
{
    /// <summary>The language's id in the graph: python, javascript, typescript, go, rust, java, csharp.</summary>
    public abstract string Id { get; }

    /// <summary>The SCIP package manager of the language (pypi, npm, go, cargo, maven, nuget).</summary>
    public abstract string Manager { get; }

    /// <summary>The grammar a file of this language is parsed with.</summary>
    public virtual string Grammar(string path) => Id;

    /// <summary>Keys under which the file can be imported.</summary>
    public abstract IEnumerable<string> ModuleKeys(string path, FileFacts facts, ProjectLayout layout);

    /// <summary>What an import refers to.</summary>
    public abstract ImportTarget Resolve(ImportFact import, string fromPath, ProjectLayout layout);

    /// <summary>The scope whose top-level definitions are visible to every file in it without imports (Go and Java
    /// packages, C# namespaces, Rust modules), or null.</summary>
    public virtual string? PackageScope(string path, FileFacts facts) => null;

    /// <summary>Receivers that mean "this object".</summary>
    public virtual bool IsSelf(string receiver) => receiver is "this" or "self" or "base" or "super" or "cls" or "Self";

    /// <summary>A file whose definitions are tests by its name or place (used with the test capture).</summary>
    public virtual bool IsTestFile(string path) => false;

    /// <summary>Every supported language, by linguist name.</summary>
    public static IReadOnlyDictionary<string, LanguageSpec> ByLinguistName { get; } = new Dictionary<string, LanguageSpec>(StringComparer.Ordinal)
    {
        ["Python"] = new PythonSpec(),
        ["JavaScript"] = new JavaScriptSpec("javascript"),
        ["TypeScript"] = new JavaScriptSpec("typescript"),
        ["TSX"] = new JavaScriptSpec("typescript"),
        ["Go"] = new GoSpec(),
        ["Rust"] = new RustSpec(),
        ["Java"] = new JavaSpec(),
        ["C#"] = new CSharpSpec(),
    };

    /// <summary>Languages by file extension, for sources without a file list.</summary>
    public static LanguageSpec? ByExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".py" or ".pyi" => ByLinguistName["Python"],
        ".js" or ".mjs" or ".cjs" or ".jsx" => ByLinguistName["JavaScript"],
        ".ts" or ".mts" or ".cts" => ByLinguistName["TypeScript"],
        ".tsx" => ByLinguistName["TSX"],
        ".go" => ByLinguistName["Go"],
        ".rs" => ByLinguistName["Rust"],
        ".java" => ByLinguistName["Java"],
        ".cs" => ByLinguistName["C#"],
        _ => null,
    };

    /// <summary>Every suffix of a segment list joined by <paramref name="separator"/>: a.b.c, b.c, c.</summary>
    protected static IEnumerable<string> Suffixes(IReadOnlyList<string> segments, string separator)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            yield return string.Join(separator, segments.Skip(i));
        }
    }

    /// <summary>The directory of a path ("" at the root).</summary>
    protected static string Dir(string path) => Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";

    /// <summary>The path without its extension.</summary>
    protected static string Stem(string path) => Path.ChangeExtension(path, null)!.Replace('\\', '/');
}
