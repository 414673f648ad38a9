namespace Noa.Abstractions;

/// <summary>How a command run in a capsule ended, with its output.</summary>
/// <param name="Result">Its exit, or the limit that ended it.</param>
/// <param name="Stdout">Its standard output.</param>
/// <param name="Stderr">Its standard error.</param>
public sealed record CapsuleExecResult(SandboxResult Result, string Stdout, string Stderr);
