namespace Noa.Abstractions;

/// <summary>How a consumer reads from a stream.</summary>
public sealed record ConsumeOptions
{
    /// <summary>At most this many messages per read.</summary>
    public int MaxMessages { get; init; } = 1;

    /// <summary>How long a read waits for a message before returning empty.</summary>
    public TimeSpan Block { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A delivery not acknowledged within the lease is redelivered to another consumer.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A message delivered this many times without an ack moves to the dead-letter stream.</summary>
    public int MaxDeliveries { get; init; } = 5;
}
