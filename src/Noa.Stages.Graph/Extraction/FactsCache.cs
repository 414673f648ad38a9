using Noa.Stages.Graph.Model;
using Noa.Stages.Graph.Output;

namespace Noa.Stages.Graph.Extraction;

/// <summary>Per-file facts on disk, keyed by content hash, grammar and the queries' fingerprint: an unchanged file
/// is never parsed twice, and a changed query invalidates everything it extracted. Safe for concurrent digests
/// (writes go to a temporary file, then move into place).</summary>
internal sealed class FactsCache(string? directory)
{
    private readonly string? _root = directory is null ? null : System.IO.Path.Combine(directory, QuerySet.Fingerprint);

    public bool Enabled => _root is not null;

    public FileFacts? Get(string sha256, string grammar)
    {
        if (Locate(sha256, grammar) is not { } path || !File.Exists(path))
        {
            return null;
        }
        try
        {
            return GraphJson.Deserialize(File.ReadAllBytes(path));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Put(string sha256, string grammar, FileFacts facts)
    {
        if (Locate(sha256, grammar) is not { } path)
        {
            return;
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllBytes(temp, GraphJson.Serialize(facts));
        File.Move(temp, path, overwrite: true);
    }

    private string? Locate(string sha256, string grammar) =>
        _root is null || sha256.Length < 8 ? null : System.IO.Path.Combine(_root, sha256[..2], $"{sha256}.{grammar}.json");
}
