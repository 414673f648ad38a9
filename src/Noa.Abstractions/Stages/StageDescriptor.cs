namespace Noa.Abstractions;

/// <summary>A stage of the digest pipeline as data (<see cref="StageCatalogue"/>).</summary>
/// <param name="Name">Kebab-case stage name.</param>
/// <param name="Dependencies">What it waits for; <c>name=pass</c> also needs that gate's pass.</param>
/// <param name="IsGate">Whether its outcome can be a failed gate, which blocks every stage that needs it to pass.</param>
/// <param name="Writes">The bundle paths it writes.</param>
public sealed record StageDescriptor(string Name, IReadOnlyList<StageDependency> Dependencies, bool IsGate, IReadOnlyList<string> Writes) : IStageDefinition;
