namespace Noa.Stages.Classifier;

/// <summary>Options of the Classifier stage, bound from <c>Noa:Classifier</c>.</summary>
public sealed class ClassifierOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Classifier";

    /// <summary>At most this many bytes of a file are read for detection (heuristics look at 50 KiB like linguist).</summary>
    public int MaxBytesPerFile { get; set; } = 64 * 1024;

    /// <summary>Files scanned at once; 0 means one per processor.</summary>
    public int MaxDegreeOfParallelism { get; set; }

    /// <summary>Whether to write the per-file list as <c>files.json</c> beside <c>profile.json</c>.</summary>
    public bool WriteFileList { get; set; } = true;
}
