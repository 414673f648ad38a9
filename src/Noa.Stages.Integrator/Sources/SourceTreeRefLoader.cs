using System.Text;
using Microsoft.OpenApi;
using Noa.Abstractions;
using Noa.Yaml;

namespace Noa.Stages.Integrator.Sources;

/// <summary>
/// Serves Microsoft.OpenApi's external <c>$ref</c> loads from the snapshot, never from the host or the network: the spec
/// is given a base URL under a private scratch folder (<see cref="Root"/>), so a relative reference resolves to a path
/// under it, and only files of the source tree inside the spec's own folder are served. Anything else (a path that climbs
/// out with <c>../</c>, an absolute path, an http/https/file URL, a file the tree lacks) is refused: the reader gets an
/// empty document in its place, so the reference stays unresolved and the rest of the spec still reads, and the refusal,
/// naming the reference and the file that holds it, is kept in <see cref="Problems"/>.
/// </summary>
/// <remarks>
/// A served file is a copy of the tree's content written under the scratch folder and handed over as a
/// <see cref="FileStream"/>: the reader takes a document's own URL only from a file stream's name (any other stream gets
/// the root's base URL), and without its own URL a file's relative references would resolve against the root spec's
/// folder instead of its own.
/// </remarks>
internal sealed class SourceTreeRefLoader : IStreamLoader, IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("noa-spec-refs-").FullName;

    /// <summary>The scratch folder's URL, the root of every base URL the reader sees.</summary>
    public Uri Root { get; }

    private static readonly byte[] Empty = Encoding.UTF8.GetBytes("{}");
    private readonly ISourceTree source;
    private readonly string folder;
    private readonly YamlLimits limits;
    private readonly Dictionary<string, SourceFile> files;
    private readonly List<string> problems = [];

    public SourceTreeRefLoader(ISourceTree source, string specPath, YamlLimits limits)
    {
        this.source = source;
        this.limits = limits;
        var slash = specPath.LastIndexOf('/');
        folder = slash < 0 ? "" : specPath[..(slash + 1)];
        files = source.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        Root = new Uri(scratch.TrimEnd('/') + "/");
        BaseUrl = new Uri(Root, Escape(specPath));
    }

    /// <summary>The spec's own URL, for <c>OpenApiReaderSettings.BaseUrl</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Whether the spec itself is JSON: the reader parses every referenced file in the root's format, so a YAML file is
    /// then served as its JSON equivalent.
    /// </summary>
    public bool RootIsJson { get; set; }

    /// <summary>Every refused reference, one line each.</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <inheritdoc />
    public async Task<Stream> LoadAsync(Uri baseUrl, Uri uri, CancellationToken cancellationToken = default)
    {
        var from = Relative(baseUrl) ?? baseUrl.OriginalString;
        var reference = uri.OriginalString;
        Uri resolved;
        if (uri.IsAbsoluteUri && Root.IsBaseOf(uri))
            resolved = uri; // the reader resolved it against the base URL already
        else if (reference.StartsWith('/') || reference.StartsWith('\\') || (reference.Length > 2 && char.IsAsciiLetter(reference[0]) && reference[1] == ':' && reference[2] is '/' or '\\'))
            return Refuse(reference, from, "an absolute path; only files in the spec's folder are read");
        else if (uri.IsAbsoluteUri)
            return Refuse(reference, from, $"a {uri.Scheme} URL; only files in the spec's folder are read");
        else
            resolved = new Uri(baseUrl, uri);
        if (Relative(resolved) is not { } path || !path.StartsWith(folder, StringComparison.Ordinal))
            return Refuse(reference, from, "outside the spec's folder");
        if (!files.TryGetValue(path, out var file))
            return Refuse(reference, from, $"{path} is not in the source");
        if (file.Size > limits.MaxChars)
            return Refuse(reference, from, $"{path} is larger than {limits.MaxChars:N0} bytes");
        string text;
        await using (var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        // A referenced YAML file passes the same guard as the spec itself before the reader sees it.
        if (!text.TrimStart().StartsWith('{'))
        {
            if (YamlGuard.Check(text, limits, path, cancellationToken) is { } unsafeYaml)
                return Refuse(reference, from, unsafeYaml);
            if (RootIsJson)
            {
                try
                {
                    text = YamlToJson.Load(text, limits, path, cancellationToken)?.ToJsonString() ?? "{}";
                }
                catch (YamlDotNet.Core.YamlException e)
                {
                    return Refuse(reference, from, $"{path} cannot be read as YAML: {e.Message}");
                }
            }
        }
        var copy = Path.Combine(scratch, path);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        await File.WriteAllTextAsync(copy, text, cancellationToken).ConfigureAwait(false);
        return new FileStream(copy, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (IOException)
        {
            // Scratch copies of tree files only; the temp folder's cleanup takes what is left.
        }
    }

    private Stream Refuse(string reference, string from, string why)
    {
        lock (problems)
            problems.Add($"{from}: $ref '{reference}' refused: {why}");
        return new MemoryStream(Empty, writable: false);
    }

    /// <summary>The tree path of a URL under <see cref="Root"/>, or null when it is elsewhere.</summary>
    private string? Relative(Uri url)
    {
        if (!url.IsAbsoluteUri || !Root.IsBaseOf(url) || url.Query.Length > 0)
            return null;
        var path = Uri.UnescapeDataString(url.AbsolutePath[Root.AbsolutePath.Length..]);
        return path.Length == 0 || path.Split('/').Any(s => s is ".." or ".") ? null : path;
    }

    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
