namespace Noa.Stages.Intake;

/// <summary>Archive facts recorded in <c>provenance.json</c>.</summary>
/// <param name="Format"><c>tar</c>, <c>tar.gz</c> or <c>zip</c>.</param>
/// <param name="Entries">Entries read, folders and links included.</param>
/// <param name="CompressedBytes">Bytes read from the archive file.</param>
internal sealed record ArchiveDetails(string Format, int Entries, long CompressedBytes);
