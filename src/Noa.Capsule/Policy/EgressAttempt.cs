namespace Noa.Capsule.Policy;

/// <summary>One egress decision of a capsule's policy agent, as audited.</summary>
/// <param name="CapsuleId">The capsule.</param>
/// <param name="Policy">The policy that decided.</param>
/// <param name="Method">CONNECT, or the HTTP method of a plain-HTTP request.</param>
/// <param name="Destination">host:port asked for.</param>
/// <param name="Allowed">The decision.</param>
/// <param name="Reason">Why.</param>
internal sealed record EgressAttempt(string CapsuleId, string Policy, string Method, string Destination, bool Allowed, string Reason);
