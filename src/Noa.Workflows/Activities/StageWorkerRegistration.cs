namespace Noa.Workflows;

/// <summary>Marks that a worker of <paramref name="Stage"/> is registered, so it is registered once.</summary>
internal sealed record StageWorkerRegistration(string Stage);
