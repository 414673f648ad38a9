namespace Noa.Stages.Env;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int Planned = 9301;
    public const int Verified = 9302;
    public const int NotVerified = 9303;
}
