namespace Noa.Abstractions;

/// <summary>What to build.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>The build context: the folder whose files <c>COPY</c> and <c>ADD</c> see.</summary>
    public required string ContextDirectory { get; init; }

    /// <summary>The Dockerfile, relative to the context (or absolute).</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    /// <summary>Names to give the image (<c>name:tag</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Values of the Dockerfile's <c>ARG</c>s.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels added to the image.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage of a multi-stage Dockerfile to build; null for the last.</summary>
    public string? Target { get; init; }

    /// <summary>Ignore cached layers.</summary>
    public bool NoCache { get; init; }

    /// <summary>
    /// Whether <c>RUN</c> steps reach the network (package installs need it). Off, a step sees only its own loopback.
    /// </summary>
    public bool Network { get; init; } = true;
}
