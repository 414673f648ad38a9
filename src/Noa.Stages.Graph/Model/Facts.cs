using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Model;

// What one file says about itself, before any cross-file resolution. Cached by content hash, so nothing here
// may depend on the file's path or on other files.

/// <summary>Everything extracted from one file.</summary>
public sealed class FileFacts
{
    /// <summary><c>parsed</c>, or <c>partial</c> when the parse had syntax errors (what could be read is kept).</summary>
    public string Status { get; set; } = "parsed";

    /// <summary>Number of lines.</summary>
    public int Lines { get; set; }

    /// <summary>Definitions in document order; <see cref="DefinitionFact.Parent"/> indexes this list.</summary>
    public List<DefinitionFact> Definitions { get; set; } = [];

    /// <summary>Imports.</summary>
    public List<ImportFact> Imports { get; set; } = [];

    /// <summary>Calls and type references.</summary>
    public List<ReferenceFact> References { get; set; } = [];

    /// <summary>Base classes and implemented interfaces.</summary>
    public List<InheritFact> Inherits { get; set; } = [];

    /// <summary>Config reads, flags, commands, URLs and store calls.</summary>
    public List<SurfaceFact> Surface { get; set; } = [];

    /// <summary>HTTP routing: endpoints, routers, mounts and what links them (<see cref="RouteFact"/>).</summary>
    public List<RouteFact> Routes { get; set; } = [];
}

/// <summary>A definition.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Kind">namespace, module, class, interface, struct, record, enum, trait, function, method, constructor, field, property, constant, type.</param>
/// <param name="Range">Where it is.</param>
/// <param name="Parent">Index of the enclosing definition, or -1.</param>
/// <param name="Doc">Its doc comment or docstring, cleaned, if any.</param>
/// <param name="Signature">Its first line, trimmed (for functions: up to the body).</param>
/// <param name="Test">A test (by attribute, decorator or naming convention of its language).</param>
/// <param name="Receiver">For Go methods and Rust impl methods: the receiver type's name.</param>
/// <param name="Self">For Go methods: the receiver variable's name (<c>srv</c> in <c>func (srv *Server) …</c>), which
/// means "this object" in the method's body.</param>
/// <param name="Type">For fields and properties: the declared type as written.</param>
/// <param name="Optional">For fields and properties: has a default value or a nullable type.</param>
public sealed record DefinitionFact(string Name, string Kind, TextRange Range, int Parent, string? Doc, string? Signature, bool Test, string? Receiver, string? Self = null,
    string? Type = null, bool Optional = false)
{
    /// <summary>A callable (function, method, constructor).</summary>
    public bool IsCallable => Kind is "function" or "method" or "constructor";

    /// <summary>A type (class, interface, struct, record, enum, trait, type).</summary>
    public bool IsType => Kind is "class" or "interface" or "struct" or "record" or "enum" or "trait" or "type";
}

/// <summary>An import of a module or a name from a module.</summary>
/// <param name="Module">The module path or string as written (<c>a.b</c>, <c>./x</c>, <c>net/http</c>).</param>
/// <param name="Name">The imported name, for <c>from a import b</c>-style imports; <c>*</c> for wildcards.</param>
/// <param name="Alias">The local name, when renamed.</param>
/// <param name="Line">Line of the import.</param>
public sealed record ImportFact(string Module, string? Name, string? Alias, int Line);

/// <summary>A call (<c>call</c>) or type reference (<c>type</c>).</summary>
/// <param name="Name">The called or referenced name (last segment).</param>
/// <param name="Kind"><c>call</c> or <c>type</c>.</param>
/// <param name="Receiver">The qualifier, as written (<c>os</c>, <c>self</c>, <c>a::b</c>), if any.</param>
/// <param name="Owner">Index of the innermost enclosing definition, or -1 for file level.</param>
/// <param name="Line">Line of the reference.</param>
public sealed record ReferenceFact(string Name, string Kind, string? Receiver, int Owner, int Line);

/// <summary>A base class (<c>Implements=false</c>) or an implemented interface/trait.</summary>
/// <param name="Owner">Index of the inheriting definition, or -1 when only its name is known (Rust impls).</param>
/// <param name="OwnerName">The inheriting type's name when <paramref name="Owner"/> is -1.</param>
/// <param name="Base">The base's name as written (qualified names and generic arguments kept).</param>
/// <param name="Implements">An interface or trait rather than a base class.</param>
/// <param name="Line">Line.</param>
public sealed record InheritFact(int Owner, string? OwnerName, string Base, bool Implements, int Line);

/// <summary>A piece of behavioural surface.</summary>
/// <param name="Kind">env, config, flag, command, url, store-call; entry (an entry point's evidence: <paramref name="Value"/>
/// is its kind, <paramref name="Handler"/> the object it names, <paramref name="Receiver"/> the factory an
/// <c>app = f()</c> calls); options (.NET options bound to the section <paramref name="Value"/>, of the type
/// <paramref name="Handler"/>). Endpoints are <see cref="RouteFact"/>s.</param>
/// <param name="Value">The variable, key, flag, command, URL, store method, entry kind or options section.</param>
/// <param name="Method">Unused (kept for the cached facts' shape).</param>
/// <param name="Handler">For entry and options facts (above); otherwise unused.</param>
/// <param name="Owner">Index of the enclosing definition, or -1.</param>
/// <param name="Line">Line.</param>
/// <param name="Receiver">For store calls: the object the method is called on.</param>
public sealed record SurfaceFact(string Kind, string Value, string? Method, string? Handler, int Owner, int Line, string? Receiver = null);
