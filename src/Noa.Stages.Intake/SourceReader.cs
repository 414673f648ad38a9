using System.Text.RegularExpressions;
using Noa.Abstractions;

namespace Noa.Stages.Intake;

/// <summary>Parses the locator, applies the access policies, detects the kind, fetches remote documents and
/// archives into the workspace, and hands the source to the reader of its kind.</summary>
internal sealed partial class SourceReader(IntakeOptions options, HostGuard guard)
{
    public async Task<Checked<(SourceKind Kind, SourceLocator Locator, IntakeResult Result)>> ReadAsync(
        DigestRequest request, string workspace, CancellationToken cancellationToken)
    {
        var parsed = SourceLocator.Parse(request.Source);
        if (parsed.Failed)
        {
            return Refuse(parsed.Error!);
        }
        var locator = parsed.Value!;
        PrepareWorkspace(workspace);
        var kind = request.Kind;
        string? local = null;
        string? document = null;
        string name;
        if (!locator.IsRemote)
        {
            var allowed = FileAccessPolicy.Check(locator.LocalPath!, options);
            if (allowed.Failed)
            {
                return Refuse(allowed.Error!);
            }
            local = allowed.Value!;
            name = Path.GetFileName(local);
            if (kind is null)
            {
                var detected = KindDetector.DetectLocal(local, locator.Redacted, options, cancellationToken);
                if (detected.Failed)
                {
                    return Refuse(detected.Error!);
                }
                kind = detected.Value;
            }
            document = File.Exists(local) ? local : null;
        }
        else
        {
            var url = locator.Url!;
            kind ??= KindDetector.DetectRemote(url);
            if (kind == SourceKind.Folder)
            {
                return Refuse($"a folder source must be a local path, not '{locator.Redacted}'");
            }
            name = FileNameOf(url, kind);
            if (kind != SourceKind.Git)
            {
                if (url.Scheme is not ("http" or "https"))
                {
                    return Refuse($"a {kind?.ToString() ?? "document"} source must be a local file or an http(s) URL, not '{locator.Redacted}'");
                }
                var folder = Path.Combine(workspace, "download");
                Directory.CreateDirectory(folder);
                var limit = kind == SourceKind.Archive ? options.MaxDownloadBytes : options.MaxDocumentBytes;
                var downloaded = await new HttpDownloader(options, guard).DownloadAsync(url, Path.Combine(folder, name), limit, cancellationToken).ConfigureAwait(false);
                if (downloaded.Failed)
                {
                    return Pass(downloaded);
                }
                document = downloaded.Value!;
                if (kind is null)
                {
                    var detected = KindDetector.DetectDocument(document, locator.Redacted, options, cancellationToken);
                    if (detected.Failed)
                    {
                        return Refuse(detected.Error!);
                    }
                    kind = detected.Value;
                }
            }
        }

        var result = await ReadKindAsync(kind!.Value, locator, local, document, name, request, workspace, cancellationToken).ConfigureAwait(false);
        return result.Failed ? Pass(result) : (kind.Value, locator, result.Value!);
    }

    private async Task<Checked<IntakeResult>> ReadKindAsync(SourceKind kind, SourceLocator locator, string? local, string? document,
        string name, DigestRequest request, string workspace, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case SourceKind.Folder when local is not null && Directory.Exists(local):
                return new FolderWalker(options).Walk(local, cancellationToken);
            case SourceKind.Git when local is null || Directory.Exists(local):
                return await new GitReader(options, guard).ReadAsync(locator, local, request, workspace, cancellationToken).ConfigureAwait(false);
            case SourceKind.Archive when document is not null:
                var format = ArchiveExtractor.FormatOf(name) ?? ArchiveExtractor.FormatOfContent(document);
                return format is null
                    ? Checked<IntakeResult>.Refuse($"the archive '{locator.Redacted}' is not a tar, tar.gz or zip file")
                    : await new ArchiveExtractor(options).ExtractAsync(document, format, workspace, cancellationToken).ConfigureAwait(false);
            case SourceKind.OpenApi when document is not null:
                return await new OpenApiIntake(options).ReadAsync(document, name, cancellationToken).ConfigureAwait(false);
            case SourceKind.ModelList when document is not null:
                return new ModelListIntake(options).Read(document, name, cancellationToken);
            default:
                var what = local is not null && Directory.Exists(local) ? "a folder" : "a file";
                return Checked<IntakeResult>.Refuse($"the source '{locator.Redacted}' is {what}, which cannot be read as {kind}");
        }
    }

    /// <summary>A retried attempt gets the same workspace: start from a clean one so nothing of the failed
    /// attempt (a half clone, half-extracted entries) can leak into this one. What cannot be deleted (a checkout holding
    /// names that are not UTF-8, which .NET cannot name) is moved aside; the engine deletes the run's folder when it ends.</summary>
    private static void PrepareWorkspace(string workspace)
    {
        foreach (var folder in new[] { "checkout", "archive", "download" })
        {
            var path = Path.Combine(workspace, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                Directory.Move(path, Path.Combine(workspace, $"stale-{folder}-{Guid.NewGuid():N}"));
            }
        }
        Directory.CreateDirectory(workspace);
    }

    /// <summary>A safe file name for a downloaded source: the URL's last segment when it is a plain name.</summary>
    private static string FileNameOf(Uri url, SourceKind? kind)
    {
        var last = Uri.UnescapeDataString(url.Segments.LastOrDefault() ?? "").Trim('/');
        if (PlainName().IsMatch(last))
        {
            return last;
        }
        return kind switch
        {
            SourceKind.Archive => "archive",
            SourceKind.ModelList => "models.yaml",
            _ => "openapi",
        };
    }

    private static Checked<(SourceKind, SourceLocator, IntakeResult)> Refuse(string error) =>
        Checked<(SourceKind, SourceLocator, IntakeResult)>.Refuse(error);

    private static Checked<(SourceKind, SourceLocator, IntakeResult)> Pass<T>(Checked<T> failed) =>
        Checked<(SourceKind, SourceLocator, IntakeResult)>.From(failed);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex PlainName();
}
