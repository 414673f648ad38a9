namespace Noa.Stages.Safety;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide (ids are unique across the product: this assembly's block is 4001-4099).</summary>
internal static class LogEvents
{
    public const int Verdict = 4001;
    public const int EngineFailed = 4002;
}
