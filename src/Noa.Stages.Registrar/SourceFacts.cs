using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>
/// What the Registrar needs of Intake's <c>provenance.json</c>: the locator (already redacted by Intake: never credentials),
/// the commit and the tree hash. Read by field name, since the typed model is Intake's own (see the report: it moves to
/// Noa.Abstractions with the artifact contracts).
/// </summary>
internal sealed record SourceFacts(string Locator, string Kind, string TreeHash, string? Commit, string? Ref)
{
    public const string BundlePath = "provenance.json";

    /// <summary>The tree hash's hex digits.</summary>
    public string TreeHex => TreeHash.StartsWith(OciDigest.Prefix, StringComparison.Ordinal) ? TreeHash[OciDigest.Prefix.Length..] : TreeHash;

    /// <summary>A repository component naming the source: host and path of a URL, the last segment of a local path.</summary>
    public string Name()
    {
        if (Uri.TryCreate(Locator, UriKind.Absolute, out var uri) && !uri.IsFile)
            return OciNames.Component(uri.Host + uri.AbsolutePath.TrimEnd('/').Replace(".git", "", StringComparison.Ordinal));
        var trimmed = Locator.TrimEnd('/', '\\');
        var scp = trimmed.IndexOf(':'); // git@host:owner/repo
        if (scp > 0 && trimmed.Contains('@') && !Path.IsPathRooted(trimmed))
            return OciNames.Component(trimmed[(trimmed.IndexOf('@') + 1)..].Replace(':', '/').Replace(".git", "", StringComparison.Ordinal));
        return OciNames.Component(Path.GetFileName(trimmed));
    }

    /// <exception cref="InvalidDataException">The document lacks a field the Registrar needs.</exception>
    public static SourceFacts Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var tree = Text("treeHash") ?? throw new InvalidDataException("provenance.json has no treeHash");
            if (!OciDigest.IsValid(tree))
                throw new InvalidDataException($"provenance.json's treeHash '{tree}' is not a sha256 digest");
            return new SourceFacts(Text("locator") ?? throw new InvalidDataException("provenance.json has no locator"), Text("kind") ?? "unknown", tree,
                Text("resolvedCommit") ?? Text("commit"), Text("ref"));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"provenance.json is not valid JSON: {e.Message}", e);
        }
    }
}
