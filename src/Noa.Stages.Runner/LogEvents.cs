namespace Noa.Stages.Runner;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int StepEnded = 10001;
    public const int SandboxUnavailable = 10002;
    public const int Planned = 10003;
    public const int ImageNotRemoved = 10004;
}
