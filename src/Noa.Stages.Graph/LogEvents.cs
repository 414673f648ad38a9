namespace Noa.Stages.Graph;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide (ids are unique across the product: this assembly's block is 3001-3099).</summary>
internal static class LogEvents
{
    public const int Extracted = 3001;
    public const int Phases = 3002;
}
