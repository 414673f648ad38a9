namespace Noa.Stages.Intake;

/// <summary>A file found by a source reader, before its content goes to the artifact store.</summary>
/// <param name="Path">Snapshot path, relative, with <c>/</c> separators.</param>
/// <param name="LocalPath">Where the content is read from: inside the source folder or the stage workspace.</param>
/// <param name="Executable">Whether the file carries an executable bit.</param>
internal sealed record CollectedFile(string Path, string LocalPath, bool Executable);
