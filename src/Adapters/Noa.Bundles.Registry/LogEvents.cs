namespace Noa.Bundles.Registry;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int ReferrersProbed = 9101;
    public const int RequestRetried = 9102;
    public const int UploadResumed = 9103;
    public const int UploadRestarted = 9104;
    public const int TokenObtained = 9105;
    public const int BlobMounted = 9106;
}
