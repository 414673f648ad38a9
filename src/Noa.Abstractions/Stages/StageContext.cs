namespace Noa.Abstractions;

/// <summary>Everything a stage attempt may use. Built by the workflow engine for each attempt.</summary>
public sealed class StageContext
{
    /// <summary>The run this attempt belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>The digest request that started the run.</summary>
    public required DigestRequest Request { get; init; }

    /// <summary>The attempt number, starting at 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>
    /// The path of a private scratch folder for this run and stage, not created in advance (most stages need none, and a
    /// folder made and removed per attempt costs more than the engine's own work): a stage that uses it creates it
    /// (<c>Directory.CreateDirectory</c>). Deleted when the run ends.
    /// </summary>
    public required string Workspace { get; init; }

    /// <summary>The run's artifacts: read earlier stages' outputs, write this stage's.</summary>
    public required IRunArtifacts Artifacts { get; init; }

    /// <summary>The source snapshot written by Intake; <c>null</c> for Intake itself.</summary>
    public ISourceTree? Source { get; init; }

    /// <summary>Where to report progress of long work.</summary>
    public required IProgress<StageProgress> Progress { get; init; }

    /// <summary>The clock; stages never read the system clock directly.</summary>
    public required TimeProvider Time { get; init; }
}
