namespace Noa.Stages.Registrar;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int Published = 9001;
}
