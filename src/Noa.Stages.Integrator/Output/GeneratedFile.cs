namespace Noa.Stages.Integrator.Output;

/// <summary>One file of a generated SDK: its path below the SDK's folder and its text (UTF-8, LF line ends).</summary>
internal sealed record GeneratedFile(string Path, string Content);
