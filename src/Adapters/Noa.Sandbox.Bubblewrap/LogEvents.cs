namespace Noa.Sandbox.Bubblewrap;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int SandboxStarted = 7001;
    public const int SandboxEnded = 7002;
    public const int CleanupFailed = 7003;
    public const int LimitReached = 7004;
}
