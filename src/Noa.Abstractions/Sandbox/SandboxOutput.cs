namespace Noa.Abstractions;

/// <summary>Which stream a chunk of output came from.</summary>
public enum SandboxStream
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}

/// <summary>A chunk of a sandboxed command's output, as read (not split into lines).</summary>
/// <param name="Stream">The stream it came from.</param>
/// <param name="Data">The bytes.</param>
public sealed record SandboxOutput(SandboxStream Stream, ReadOnlyMemory<byte> Data);
