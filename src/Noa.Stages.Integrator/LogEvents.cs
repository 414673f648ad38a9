namespace Noa.Stages.Integrator;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide (ids are unique across the product: this assembly's block is 9201-9299).</summary>
internal static class LogEvents
{
    public const int Generated = 9201;
    public const int SpecRefused = 9202;
}
