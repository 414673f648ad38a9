namespace Noa.Stages.Runner.Repair;

/// <summary>What the model answered: one command for the step, and the reason it gave.</summary>
internal sealed record Proposal(string Command, string? Reason);
