namespace Noa.Abstractions;

/// <summary>One page of the catalogue.</summary>
/// <param name="Entries">The rows, newest first.</param>
/// <param name="Next">Where the next page starts; null when this one is the last.</param>
public sealed record CatalogPage(IReadOnlyList<CatalogEntry> Entries, CatalogCursor? Next);
