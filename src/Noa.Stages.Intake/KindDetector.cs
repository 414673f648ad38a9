using Noa.Abstractions;

namespace Noa.Stages.Intake;

/// <summary>Tells the kind of a source when the request does not say it: by what the path is, its extension,
/// and for <c>.yaml</c>/<c>.yml</c>/<c>.json</c> by the document's top-level keys.</summary>
internal static class KindDetector
{
    private const string Expected =
        "expected a folder, a git repository, a .tar/.tar.gz/.tgz/.zip archive, or an OpenAPI document or model list in .yaml/.yml/.json";

    public static Checked<SourceKind> DetectLocal(string path, string shown, IntakeOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return Path.Exists(Path.Combine(path, ".git")) ? SourceKind.Git : SourceKind.Folder;
        }
        if (ArchiveExtractor.FormatOf(path) is not null)
        {
            return SourceKind.Archive;
        }
        return IsDocumentName(path)
            ? DetectDocument(path, shown, options, cancellationToken)
            : Checked<SourceKind>.Refuse($"cannot tell the kind of the source '{shown}': {Expected}");
    }

    /// <summary>The kind of a remote source from its URL alone; null when the content must decide.</summary>
    public static SourceKind? DetectRemote(Uri url)
    {
        var path = url.AbsolutePath;
        if (url.Scheme is "ssh" or "git" || path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".git/", StringComparison.OrdinalIgnoreCase))
        {
            return SourceKind.Git;
        }
        if (ArchiveExtractor.FormatOf(path) is not null)
        {
            return SourceKind.Archive;
        }
        // Anything else over http(s) is tried as a git repository (as GitHub-style URLs without .git are).
        return IsDocumentName(path) ? null : SourceKind.Git;
    }

    public static Checked<SourceKind> DetectDocument(string file, string shown, IntakeOptions options, CancellationToken cancellationToken)
    {
        var text = DocumentText.Read(file, shown, options);
        if (text.Failed)
        {
            return Checked<SourceKind>.Refuse(text.Error!);
        }
        var sniffed = DocumentSniffer.Sniff(text.Value!, DocumentText.LooksLikeJson(text.Value!), options.YamlLimits, shown, cancellationToken);
        if (sniffed.Failed)
        {
            return Checked<SourceKind>.Refuse(sniffed.Error!);
        }
        return sniffed.Value switch
        {
            SourceKindGuess.OpenApi => SourceKind.OpenApi,
            SourceKindGuess.ModelList => SourceKind.ModelList,
            _ => Checked<SourceKind>.Refuse(
                $"cannot tell the kind of the source '{shown}': the document has no top-level 'openapi', 'swagger' or 'models' key"),
        };
    }

    public static bool IsDocumentName(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
