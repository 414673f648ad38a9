namespace Noa.Stages.Intake;

/// <summary>Model list facts recorded in <c>provenance.json</c>.</summary>
internal sealed record ModelListDetails(int Count, IReadOnlyList<ModelEntry> Models);
