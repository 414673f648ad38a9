namespace Noa.Artifacts.S3;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide (ids are unique across the product: this assembly's block is 5101-5199).</summary>
internal static class LogEvents
{
    public const int BucketCreated = 5101;
    public const int Stored = 5102;
    public const int AlreadyStored = 5103;
    public const int DeliverableStored = 5104;
    public const int VersioningEnabled = 5105;
}
