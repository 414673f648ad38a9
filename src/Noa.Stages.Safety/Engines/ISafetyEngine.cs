using Noa.Abstractions;
using Noa.Stages.Safety.Output;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Engines;

/// <summary>One kind of scan (SBOM, vulnerabilities, secrets, rules, licences). Engines run side by side; the stage
/// merges their findings, writes one SARIF run per engine and judges everything against the policy.</summary>
internal interface ISafetyEngine
{
    /// <summary>Short name, used as the SARIF tool name and in <c>safety.json</c>.</summary>
    string Name { get; }

    /// <summary>Scans the source. Expected problems (a malformed lockfile, an unreachable advisory source, a tool
    /// that failed) are notes in the result, never exceptions.</summary>
    Task<EngineResult> RunAsync(SafetyInput input, CancellationToken cancellationToken);
}

/// <summary>What an engine reads.</summary>
/// <param name="Source">The snapshot.</param>
/// <param name="Files">Every file with the Classifier's category and language (from <c>files.json</c>).</param>
/// <param name="Artifacts">The run's artifacts: earlier stages' outputs; engines may write their own (the SBOMs).</param>
/// <param name="Workspace">Scratch space of this attempt.</param>
/// <param name="ProjectName">The source's name, for SBOM metadata.</param>
internal sealed record SafetyInput(ISourceTree Source, IReadOnlyList<ClassifiedFile> Files, IRunArtifacts Artifacts, string Workspace, string ProjectName)
{
    /// <summary>Shared between engines: the SBOM engine publishes the packages it found, the vulnerability engine reads them.</summary>
    public TaskCompletionSource<IReadOnlyList<PackageRef>> Packages { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A file of the snapshot with what the Classifier said about it.</summary>
/// <param name="File">The file.</param>
/// <param name="Category">classified, other, vendored, generated, documentation or binary.</param>
/// <param name="Language">Linguist language, if any.</param>
internal sealed record ClassifiedFile(SourceFile File, string Category, string? Language);

/// <summary>A package in use, as advisory databases name it.</summary>
/// <param name="Ecosystem">OSV ecosystem name (npm, PyPI, Go, crates.io, Maven, NuGet, RubyGems, Packagist).</param>
/// <param name="Name">Package name.</param>
/// <param name="Version">Resolved version; null when no lockfile pins it (nothing to match advisories against).</param>
/// <param name="Purl">Package URL.</param>
internal sealed record PackageRef(string Ecosystem, string Name, string? Version, string Purl);

/// <summary>An engine's result.</summary>
/// <param name="Findings">Findings for the gate.</param>
/// <param name="Licenses">Licences in use.</param>
/// <param name="Sarif">The engine's SARIF run (null: the stage builds one from the findings).</param>
/// <param name="Summary">One line for people.</param>
/// <param name="Notes">What the engine could not do, and why.</param>
internal sealed record EngineResult(IReadOnlyList<SafetyFinding> Findings, IReadOnlyList<LicenseUse> Licenses, SarifRun? Sarif, string Summary, IReadOnlyList<string> Notes)
{
    /// <summary>Every input the engine did not scan, or not completely, with the reason; the policy's <c>skipped</c>
    /// rules judge them.</summary>
    public IReadOnlyList<SkippedInput> Skipped { get; init; } = [];

    /// <summary>Nothing found.</summary>
    public static EngineResult Empty(string summary, params string[] notes) => new([], [], null, summary, notes);
}
