namespace Noa.Stages.Intake;

/// <summary>One validated entry of a model list; <see cref="Source"/> has credentials redacted.</summary>
internal sealed record ModelEntry(string Name, string Source, string Format, string Sha256);
