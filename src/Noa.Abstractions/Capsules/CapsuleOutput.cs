namespace Noa.Abstractions;

/// <summary>A chunk of a capsule's output (as text) with when it was read.</summary>
/// <param name="Stream">stdout or stderr.</param>
/// <param name="Text">The text (UTF-8 decoded).</param>
/// <param name="At">When it was read.</param>
public sealed record CapsuleOutput(SandboxStream Stream, string Text, DateTimeOffset At);
