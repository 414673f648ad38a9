using System.Text;

namespace Noa.Stages.Intake;

/// <summary>
/// The rules every path of a snapshot meets, whichever reader found it (folder, git checkout, archive): a name whose bytes
/// are valid UTF-8, at most <see cref="IntakeOptions.MaxPathDepth"/> folders deep, at most
/// <see cref="IntakeOptions.MaxPathBytes"/> bytes long and no name over 255 bytes (so any stage can lay the snapshot out on
/// disk). A refusal shows the path escaped (<see cref="Printable"/>).
/// </summary>
internal static class SourcePath
{
    private const int MaxNameBytes = 255;

    /// <summary>Null when <paramref name="path"/> may be kept; else why not. <paramref name="undecodable"/> says whether a
    /// U+FFFD in it stands for bytes that were not UTF-8 (when the reader can tell; else it is assumed).</summary>
    public static string? Check(string path, IntakeOptions options, bool undecodable = true)
    {
        if (undecodable && path.Contains('\uFFFD', StringComparison.Ordinal))
            return $"the name of '{Printable.Escape(path)}' is not valid UTF-8 (\\uFFFD stands for the bytes that are not); rename it";
        return CheckShape(path, options);
    }

    /// <summary>Depth and length only (for names already made valid).</summary>
    public static string? CheckShape(string path, IntakeOptions options)
    {
        var depth = 1;
        var start = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
                continue;
            if (Encoding.UTF8.GetByteCount(path.AsSpan(start, i - start)) > MaxNameBytes)
                return $"'{Printable.Escape(path)}' has a name longer than {MaxNameBytes} bytes";
            if (i < path.Length && ++depth > options.MaxPathDepth)
                return $"'{Printable.Escape(path)}' is nested more than {options.MaxPathDepth} folders deep (limit MaxPathDepth)";
            start = i + 1;
        }
        return Encoding.UTF8.GetByteCount(path) > options.MaxPathBytes
            ? $"'{Printable.Escape(path)}' is longer than {options.MaxPathBytes} bytes (limit MaxPathBytes)"
            : null;
    }

    /// <summary>Whether a name containing U+FFFD names a file that exists as such (a real U+FFFD, not undecodable bytes).</summary>
    public static bool Addressable(string fullPath)
    {
        try
        {
            File.GetAttributes(fullPath);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
