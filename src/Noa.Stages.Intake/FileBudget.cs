namespace Noa.Stages.Intake;

/// <summary>Applies <see cref="IntakeOptions.MaxEntries"/>, <see cref="IntakeOptions.MaxFileBytes"/> and
/// <see cref="IntakeOptions.MaxTotalBytes"/> to sources that are not archives (folders, git checkouts).</summary>
internal sealed class FileBudget(IntakeOptions options)
{
    private int _files;
    private long _bytes;

    public string? Add(string path, long size)
    {
        _files++;
        _bytes += size;
        if (_files > options.MaxEntries)
        {
            return $"the source has more than {options.MaxEntries} files (limit MaxEntries) at '{path}'";
        }
        if (size > options.MaxFileBytes)
        {
            return $"the file '{path}' is larger than {options.MaxFileBytes} bytes (limit MaxFileBytes)";
        }
        return _bytes > options.MaxTotalBytes
            ? $"the source is larger than {options.MaxTotalBytes} bytes (limit MaxTotalBytes) at '{path}'"
            : null;
    }
}
