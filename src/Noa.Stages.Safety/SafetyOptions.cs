namespace Noa.Stages.Safety;

/// <summary>Options of the Safety stage, bound from <c>Noa:Safety</c>.</summary>
public sealed class SafetyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Safety";

    /// <summary>A policy file (YAML or JSON) used instead of the embedded <c>policies/default.yaml</c> when a request
    /// names no policy. A stored policy named <c>default</c> takes precedence over both.</summary>
    public string? PolicyFile { get; set; }
}
