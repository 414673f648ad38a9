namespace Noa.Capsule.Api;

/// <summary>The body of <c>POST /capsule/spawn</c>.</summary>
internal sealed record SpawnBody
{
    /// <summary>The image (<c>python:3.11-slim</c>); null for the host's read-only <c>/usr</c>.</summary>
    public string? Image { get; init; }

    /// <summary>A run whose source snapshot becomes the workspace (not served by this worker yet: refused with 400).</summary>
    public string? RunId { get; init; }

    /// <summary>The command; empty for the image's.</summary>
    public List<string>? Command { get; init; }

    /// <summary>Environment variables over the image's.</summary>
    public Dictionary<string, string>? Env { get; init; }

    /// <summary>The working directory inside.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The egress policy's name; null for the default (<c>none</c>).</summary>
    public string? Policy { get; init; }

    /// <summary>Limits; each one left out takes the worker's default.</summary>
    public LimitsBody? Limits { get; init; }

    /// <summary>Inner ports to publish (the service mirror).</summary>
    public List<int>? Ports { get; init; }

    /// <summary>Serve <c>docker build</c> inside (<c>/run/docker.sock</c>).</summary>
    public bool BuildProxy { get; init; }
}

/// <summary>Limits as a request gives them; null fields take the defaults.</summary>
internal sealed record LimitsBody(double? Cpus, long? MemoryBytes, int? Pids, double? WallTimeSeconds, long? OutputBytes, long? TmpfsBytes);

/// <summary>The body of <c>POST /capsules/{id}/exec</c>.</summary>
internal sealed record ExecBody(List<string>? Command, Dictionary<string, string>? Env, string? WorkingDirectory, double? WallTimeSeconds);
