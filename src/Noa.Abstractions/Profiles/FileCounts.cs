namespace Noa.Abstractions.Profiles;

/// <summary>File counts by linguist category; each file is in exactly one category besides <see cref="Total"/>.</summary>
/// <param name="Total">Every file.</param>
/// <param name="Classified">Counted in the language breakdown.</param>
/// <param name="Other">No language, a data or prose language, or empty.</param>
/// <param name="Vendored">Third-party paths.</param>
/// <param name="Generated">Tool-written files.</param>
/// <param name="Documentation">Documentation paths.</param>
/// <param name="Binary">Binary content.</param>
public sealed record FileCounts(int Total, int Classified, int Other, int Vendored, int Generated, int Documentation, int Binary);
