namespace Noa.EventBus.Nats;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int DeadLettered = 3201;
}
