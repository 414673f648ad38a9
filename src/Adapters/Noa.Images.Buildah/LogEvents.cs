namespace Noa.Images.Buildah;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int BuildFinished = 7101;
    public const int Pushed = 7102;
    public const int Mounted = 7103;
    public const int UnmountFailed = 7104;
    public const int Exported = 7105;
}
