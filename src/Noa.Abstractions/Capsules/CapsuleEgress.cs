namespace Noa.Abstractions;

/// <summary>One decision of a capsule's policy agent: a destination the capsule asked for, and whether its egress policy let it out.</summary>
/// <param name="Destination"><c>host:port</c> as asked for.</param>
/// <param name="Allowed">Whether it was let through.</param>
/// <param name="Reason">Why (the rule that allowed it, or why it was refused).</param>
public sealed record CapsuleEgress(string Destination, bool Allowed, string Reason);
