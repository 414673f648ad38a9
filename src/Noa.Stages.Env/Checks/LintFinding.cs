namespace Noa.Stages.Env.Checks;

/// <summary>A finding of a static check of a generated file.</summary>
/// <param name="File">Bundle path of the file.</param>
/// <param name="Line">1-based line, or 0 for the whole file.</param>
/// <param name="Rule">Rule id (hadolint's <c>DL…</c> where it is one of hadolint's rules).</param>
/// <param name="Level">error, warning or info.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record LintFinding(string File, int Line, string Rule, string Level, string Message);
