namespace Noa.Stages.Intake;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide (ids are unique across the product: this assembly's block is 1100-1199).</summary>
internal static class LogEvents
{
    public const int SourceRead = 1100;
    public const int Snapshotted = 1101;
    public const int SourceRefused = 1102;
    public const int CredentialsUnreadable = 1103;
}
