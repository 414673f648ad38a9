namespace Noa.Abstractions.Env;

/// <summary>Sources that disagree on one decision (two start commands, two runtime versions): every candidate with its evidence.</summary>
/// <param name="Field">The decision (<c>start</c>, <c>runtime</c>, <c>port</c>).</param>
/// <param name="Candidates">Each value and where it is stated; the first is the one the plan took.</param>
public sealed record Contradiction(string Field, IReadOnlyList<Decision> Candidates);
