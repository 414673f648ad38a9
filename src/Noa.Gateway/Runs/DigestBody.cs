using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>The body of <c>POST /digest</c>: what to digest. Who asked is the API key, not a field.</summary>
/// <param name="Source">Path, URL or git locator of the source (required).</param>
/// <param name="Kind">The kind of source; detected when left out.</param>
/// <param name="Ref">Git branch or tag.</param>
/// <param name="Commit">Git commit (hex).</param>
/// <param name="Depth">Git clone depth; the full history when left out.</param>
/// <param name="Submodules">Recurse into git submodules.</param>
/// <param name="Only">Only these stages, with what they need.</param>
/// <param name="Policy">The stored Safety policy to judge by (<c>/admin/policies/{name}</c>); the default when left out.</param>
internal sealed record DigestBody(
    string? Source = null,
    SourceKind? Kind = null,
    string? Ref = null,
    string? Commit = null,
    int? Depth = null,
    bool? Submodules = null,
    IReadOnlyList<string>? Only = null,
    string? Policy = null);
