namespace Noa.Abstractions;

/// <summary>The run configuration of an image (OCI image config).</summary>
public sealed record ImageConfig
{
    /// <summary><c>ENTRYPOINT</c>.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary><c>CMD</c>: arguments to the entrypoint, or the command when there is none.</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary><c>ENV</c> as <c>NAME=value</c>.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary><c>WORKDIR</c>, or null.</summary>
    public string? WorkingDir { get; init; }

    /// <summary><c>USER</c> (a name or <c>uid[:gid]</c>), or null for root.</summary>
    public string? User { get; init; }

    /// <summary><c>EXPOSE</c>d ports (<c>8080/tcp</c>).</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
