namespace Noa.EventBus.Redis;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int DeadLettered = 3101;
    public const int GroupCreated = 3102;
    public const int BlockingReaderFailed = 3103;
}
