namespace Noa.Stages.Intake;

/// <summary>What the top-level keys of a document say it is.</summary>
internal enum SourceKindGuess
{
    Unknown,
    OpenApi,
    ModelList,
}
