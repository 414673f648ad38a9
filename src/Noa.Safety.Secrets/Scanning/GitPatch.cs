namespace Noa.Safety.Secrets.Scanning;

/// <summary>The lines one commit added to one file: their text joined by '\n', and each one's line number in the file.</summary>
internal sealed record GitPatch(string Commit, string Path, string Text, int[] Lines);
