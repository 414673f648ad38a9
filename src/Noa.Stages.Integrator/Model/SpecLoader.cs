using System.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Noa.Stages.Integrator.Sources;
using Noa.Yaml;

namespace Noa.Stages.Integrator.Model;

/// <summary>
/// Reads an OpenAPI document's text with Microsoft.OpenApi. YAML passes <see cref="YamlGuard"/> first. References to other
/// files are read only by a <see cref="SpecBundler"/> (files of the snapshot in the spec's folder), which makes one
/// document of them first; the reader itself never loads a file. Without a bundler they stay unresolved and show up as
/// problems of the model.
/// </summary>
internal static class SpecLoader
{
    public sealed record Loaded(OpenApiDocument? Document, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

    public static async Task<Loaded> LoadAsync(string text, string name, YamlLimits limits, CancellationToken cancellationToken, SpecBundler? bundler = null)
    {
        var json = text.TrimStart().StartsWith('{');
        if (!json && YamlGuard.Check(text, limits, name, cancellationToken) is { } refused)
            return new Loaded(null, [refused], []);
        IReadOnlyList<string> bundled = [];
        if (bundler is not null && SpecBundler.HasExternalRefs(text))
        {
            var bundle = await bundler.BundleAsync(text, cancellationToken).ConfigureAwait(false);
            bundled = bundle.Problems;
            if (bundle.Json is { } one)
                (text, json) = (one, true);
        }
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
        settings.AddYamlReader();
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            var read = await OpenApiDocument.LoadAsync(stream, json ? OpenApiConstants.Json : OpenApiConstants.Yaml, settings, cancellationToken).ConfigureAwait(false);
            var errors = bundled.Concat((read.Diagnostic?.Errors ?? []).Select(e => $"{name}{Pointer(e.Pointer)}: {e.Message}")).ToList();
            var warnings = (read.Diagnostic?.Warnings ?? []).Select(e => $"{name}{Pointer(e.Pointer)}: {e.Message}").ToList();
            return new Loaded(read.Document, errors, warnings);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The reader throws assorted exception types on malformed documents: all of them are bad input.
            return new Loaded(null, [$"{name}: cannot be read as OpenAPI: {e.Message}"], []);
        }
    }

    private static string Pointer(string? pointer) => string.IsNullOrEmpty(pointer) ? "" : " " + pointer;
}
