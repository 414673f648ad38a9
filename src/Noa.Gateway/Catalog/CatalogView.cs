using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>A page of <c>GET /catalog</c>.</summary>
/// <param name="Entries">The rows, newest first.</param>
/// <param name="Next">The cursor of the next page; absent on the last page.</param>
internal sealed record CatalogView(IReadOnlyList<CatalogEntry> Entries, string? Next);
