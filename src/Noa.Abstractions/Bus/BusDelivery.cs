namespace Noa.Abstractions;

/// <summary>A message delivered to a consumer of a group; it stays pending until acknowledged.</summary>
/// <param name="Stream">Stream it came from.</param>
/// <param name="Group">Consumer group that received it.</param>
/// <param name="Id">Stream entry id, ordered within the stream.</param>
/// <param name="Message">The message.</param>
/// <param name="DeliveryCount">1 on first delivery, more when redelivered after a lease expired.</param>
public sealed record BusDelivery(string Stream, string Group, string Id, BusMessage Message, int DeliveryCount);
