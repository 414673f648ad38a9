namespace Noa.Abstractions;

/// <summary>Progress of a long stage, reported through <see cref="StageContext.Progress"/>.</summary>
/// <param name="Done">Units done so far.</param>
/// <param name="Total">Units in all, when known.</param>
/// <param name="Unit">What is counted (files, bytes, chunks).</param>
/// <param name="Message">Optional detail, e.g. the current file.</param>
public readonly record struct StageProgress(long Done, long? Total, string Unit, string? Message = null);
