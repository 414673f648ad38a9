namespace Noa.Stages.Integrator;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int Generated = 9001;
    public const int SpecRefused = 9002;
}
