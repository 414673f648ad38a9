namespace Noa.Stages.Runner.Planning;

/// <summary>One way to do a step: a command, where the plan read it (file and line, or the convention), and why it was chosen.</summary>
/// <param name="Command">The shell command, run with <c>/bin/sh -c</c> in the step's folder.</param>
/// <param name="Origin">ci, makefile, justfile, package.json, readme, convention (the build tool's own), or runner (what the platform offers
/// when the repository's own command cannot run here).</param>
/// <param name="File">The file it was read from; null for the Runner's own.</param>
/// <param name="Line">The line in <paramref name="File"/>.</param>
/// <param name="Why">For people: why this command.</param>
internal sealed record Candidate(string Command, string Origin, string? File, int Line, string Why)
{
    /// <summary><c>file:line</c>, or the origin when there is no file.</summary>
    public string Where => File is null or "" ? Origin : $"{File}:{Line}";
}
