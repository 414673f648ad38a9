namespace Noa.Stages.Classifier.Scanning;

/// <summary>A signal and what in the file showed it.</summary>
internal readonly record struct Signal(SignalKind Kind, string Detail);
