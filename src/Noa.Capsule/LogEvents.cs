namespace Noa.Capsule;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int Spawned = 7201;
    public const int Ended = 7202;
    public const int Output = 7203;
    public const int AuditNotWritten = 7204;
    public const int SidecarFailed = 7205;
    public const int CleanupFailed = 7206;
}
