namespace Noa.Abstractions;

/// <summary>An item claimed from an <see cref="IDelayQueue"/>.</summary>
/// <param name="Key">The item's key in its queue.</param>
/// <param name="Payload">What was scheduled.</param>
/// <param name="DueAt">When it was due.</param>
/// <param name="ClaimedUntil">When the claim's lease runs out (millisecond precision); it also identifies the claim.</param>
public sealed record DelayedItem(string Key, string Payload, DateTimeOffset DueAt, DateTimeOffset ClaimedUntil);
