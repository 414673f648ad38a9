namespace Noa.Gateway;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int AuditNotWritten = 2001;
    public const int RunQueued = 2002;
    public const int RunNotQueued = 2003;
    public const int QueueSampleFailed = 2004;
    public const int KeyCreated = 2005;
    public const int KeyRevoked = 2006;
    public const int DeadLettersReplayed = 2007;
    public const int RefusalAuditNotWritten = 2008;
    public const int LocalSourcesWithoutRoots = 2009;
    public const int NoApiKey = 2010;
}
