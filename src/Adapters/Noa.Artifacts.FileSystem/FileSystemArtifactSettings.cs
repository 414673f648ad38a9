namespace Noa.Artifacts.FileSystem;

/// <summary>Settings of the content-addressed artifact folder.</summary>
public sealed class FileSystemArtifactSettings
{
    /// <summary>The folder holding <c>objects/</c> (the content) and <c>tmp/</c> (writes in progress).</summary>
    public string Root { get; set; } = "artifacts";
}
