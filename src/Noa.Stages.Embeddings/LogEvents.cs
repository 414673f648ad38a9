namespace Noa.Stages.Embeddings;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide (ids are unique across the product: this assembly's block is 4101-4199).</summary>
internal static class LogEvents
{
    public const int Embedded = 4101;
}
