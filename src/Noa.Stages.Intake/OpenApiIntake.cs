using Noa.Yaml;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Noa.Stages.Intake;

/// <summary>Parses and validates an OpenAPI 2.0, 3.0 or 3.1 document (JSON or YAML) with Microsoft.OpenApi.
/// External references are never loaded (they would be unchecked requests). YAML passes
/// <see cref="YamlGuard"/> first.</summary>
internal sealed class OpenApiIntake(IntakeOptions options)
{
    public async Task<Checked<IntakeResult>> ReadAsync(string file, string name, CancellationToken cancellationToken)
    {
        var text = DocumentText.Read(file, name, options);
        if (text.Failed)
        {
            return Checked<IntakeResult>.Refuse(text.Error!);
        }
        var json = DocumentText.LooksLikeJson(text.Value!);
        if (!json && YamlGuard.Check(text.Value!, options.YamlLimits, name, cancellationToken) is { } bomb)
        {
            return Checked<IntakeResult>.Refuse(bomb);
        }

        var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
        settings.AddYamlReader();
        ReadResult read;
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text.Value!));
            read = await OpenApiDocument.LoadAsync(stream, json ? OpenApiConstants.Json : OpenApiConstants.Yaml, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The reader throws assorted exception types on malformed documents: all of them are bad input.
            return Checked<IntakeResult>.Refuse($"the OpenAPI document '{name}' cannot be read: {ex.Message}");
        }

        var errors = read.Diagnostic?.Errors ?? [];
        if (read.Document is null || errors.Count > 0)
        {
            var listed = errors.Count == 0 ? "no document" : string.Join("; ", errors.Select(e => $"{(string.IsNullOrEmpty(e.Pointer) ? "#" : e.Pointer)}: {e.Message}"));
            return Checked<IntakeResult>.Refuse($"the OpenAPI document '{name}' is invalid: {listed}");
        }
        var document = read.Document;
        var paths = document.Paths ?? [];
        var operations = paths.Values.Sum(p => p.Operations?.Count ?? 0);
        var result = new IntakeResult
        {
            OpenApi = new OpenApiDetails(
                SpecVersion(read.Diagnostic!.SpecificationVersion),
                json ? "json" : "yaml",
                document.Info?.Title,
                document.Info?.Version,
                paths.Count,
                operations),
        };
        result.Warnings.AddRange(read.Diagnostic.Warnings.Select(w => $"{(string.IsNullOrEmpty(w.Pointer) ? "#" : w.Pointer)}: {w.Message}"));
        result.Files.Add(new CollectedFile(name, file, false));
        return result;
    }

    private static string SpecVersion(OpenApiSpecVersion version) => version switch
    {
        OpenApiSpecVersion.OpenApi2_0 => "2.0",
        OpenApiSpecVersion.OpenApi3_0 => "3.0",
        OpenApiSpecVersion.OpenApi3_1 => "3.1",
        _ => version.ToString(),
    };
}
