namespace Noa.Safety.Sbom;

/// <summary>Whether a component is needed at run time, only for development, or optionally.</summary>
public enum ComponentScope
{
    /// <summary>Needed when the project runs.</summary>
    Runtime,
    /// <summary>Needed only to install when present (npm optional, Maven optional).</summary>
    Optional,
    /// <summary>Needed only to build, test or develop the project.</summary>
    Dev,
}
