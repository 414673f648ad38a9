namespace Noa.Stages.Intake;

/// <summary>OpenAPI facts recorded in <c>provenance.json</c>.</summary>
internal sealed record OpenApiDetails(string SpecVersion, string Format, string? Title, string? ApiVersion, int Paths, int Operations);
