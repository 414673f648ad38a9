namespace Noa.Workflows;

/// <summary>
/// Recognises a full disk in an exception chain: an <see cref="IOException"/> for ENOSPC ("No space left on device") or
/// SQLite's SQLITE_FULL ("database or disk is full"). A stage that hits one fails at once with <see cref="ErrorType"/>
/// and the reason, instead of retrying into the same full disk.
/// </summary>
internal static class DiskFull
{
    public const string ErrorType = "DiskFull";
    private const int Enospc = 28;

    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is IOException && (e.HResult == Enospc || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)))
                return true;
            if (e.Message.Contains("database or disk is full", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    public static string Describe(Exception e) => $"the disk is full: {e.Message}";
}
