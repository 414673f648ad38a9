namespace Noa.Stages.Classifier;

/// <summary>What <see cref="SourceClassifier"/> produces: the profile and the per-file list.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="FileList">Every file with its category and language.</param>
public sealed record Classification(Profile Profile, FileList FileList);
