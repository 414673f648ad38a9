namespace Noa.Abstractions;

/// <summary>
/// One step of the digest pipeline. A stage reads the source snapshot and earlier artifacts, writes
/// new artifacts through <see cref="StageContext.Artifacts"/>, and returns an outcome. Stages never
/// call each other: the workflow engine schedules them from <see cref="IStageDefinition.Dependencies"/>.
/// Executing a stage twice with the same inputs must give the same artifacts (idempotent), because
/// delivery is at-least-once.
/// </summary>
public interface IStage : IStageDefinition
{
    /// <summary>Runs the stage once. Expected failures are returned as an outcome; exceptions are bugs or
    /// transient faults, which the engine retries according to the stage's retry policy.</summary>
    Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken);
}
