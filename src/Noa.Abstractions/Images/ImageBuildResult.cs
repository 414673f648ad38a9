namespace Noa.Abstractions;

/// <summary>How a build ended.</summary>
public sealed record ImageBuildResult
{
    /// <summary>Whether an image was built.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The image id (<c>sha256:…</c>, the digest of its configuration) when it was built.</summary>
    public string? ImageId { get; init; }

    /// <summary>The names given to the image.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Why the build failed (the failing step and its message), when it did.</summary>
    public string? Error { get; init; }

    /// <summary>The build's log (its tail when long).</summary>
    public string Log { get; init; } = "";

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Steps that produced a layer or configuration change.</summary>
    public int Steps { get; init; }

    /// <summary>Of <see cref="Steps"/>, those taken from the layer cache.</summary>
    public int CachedSteps { get; init; }
}
