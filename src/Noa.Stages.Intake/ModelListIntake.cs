using Noa.Yaml;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Noa.Stages.Intake;

/// <summary>Reads and validates a model list, <c>{ models: [ { name, source, format, sha256 } ] }</c>, in YAML
/// or JSON; every invalid field is reported with its index, not only the first.</summary>
internal sealed partial class ModelListIntake(IntakeOptions options)
{
    /// <summary>The model formats a list may name.</summary>
    public static readonly IReadOnlyList<string> Formats = ["onnx", "gguf", "safetensors", "pytorch", "tensorflow", "tflite", "coreml", "openvino", "other"];

    private static readonly string[] UrlSchemes = ["http", "https", "s3", "gs", "hf", "oci", "file"];

    public Checked<IntakeResult> Read(string file, string name, CancellationToken cancellationToken)
    {
        var text = DocumentText.Read(file, name, options);
        if (text.Failed)
        {
            return Checked<IntakeResult>.Refuse(text.Error!);
        }
        JsonNode? root;
        try
        {
            if (DocumentText.LooksLikeJson(text.Value!))
            {
                root = JsonNode.Parse(text.Value!);
            }
            else
            {
                root = YamlToJson.Load(text.Value!, options.YamlLimits, name, cancellationToken);
            }
        }
        catch (JsonException ex)
        {
            return Checked<IntakeResult>.Refuse($"the model list '{name}' is not valid JSON: {ex.Message}");
        }
        catch (YamlLimitException ex)
        {
            return Checked<IntakeResult>.Refuse(ex.Message);
        }
        catch (YamlException ex)
        {
            return Checked<IntakeResult>.Refuse($"the model list '{name}' is not valid YAML at line {ex.Start.Line}: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet refuses duplicate keys this way.
            return Checked<IntakeResult>.Refuse($"the model list '{name}' is not valid YAML: {ex.Message}");
        }

        if (root is not JsonObject obj || obj["models"] is not JsonArray models)
        {
            return Checked<IntakeResult>.Refuse($"the model list '{name}' has no top-level 'models' list");
        }
        var errors = new List<string>();
        var entries = new List<ModelEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            var entry = Validate(models[i], i, errors);
            if (entry is null)
            {
                continue;
            }
            if (!seen.TryAdd(entry.Name, i))
            {
                errors.Add($"models[{i}].name: '{entry.Name}' repeats models[{seen[entry.Name]}]");
            }
            entries.Add(entry);
        }
        if (models.Count == 0)
        {
            errors.Add("models: the list is empty");
        }
        if (errors.Count > 0)
        {
            return Checked<IntakeResult>.Refuse($"the model list '{name}' is invalid: {string.Join("; ", errors)}");
        }
        var result = new IntakeResult { ModelList = new ModelListDetails(entries.Count, entries) };
        result.Files.Add(new CollectedFile(name, file, false));
        return result;
    }

    private static ModelEntry? Validate(JsonNode? node, int index, List<string> errors)
    {
        var at = $"models[{index}]";
        if (node is not JsonObject model)
        {
            errors.Add($"{at}: must be an object with name, source, format and sha256");
            return null;
        }
        var before = errors.Count;
        var name = Text(model, "name", at, errors);
        var source = Text(model, "source", at, errors);
        var format = Text(model, "format", at, errors);
        var sha = Text(model, "sha256", at, errors);
        if (source is not null && CheckSource(source) is { } sourceError)
        {
            errors.Add($"{at}.source: {sourceError}");
        }
        if (format is not null && !Formats.Contains(format.ToLowerInvariant()))
        {
            errors.Add($"{at}.format: '{format}' is not one of {string.Join(", ", Formats)}");
        }
        if (sha is not null && !Sha256().IsMatch(sha))
        {
            errors.Add($"{at}.sha256: '{sha}' is not 64 hex digits");
        }
        return errors.Count > before
            ? null
            : new ModelEntry(name!, Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme != "file" ? UrlRedactor.Redact(uri) : source!,
                format!.ToLowerInvariant(), sha!.ToLowerInvariant());
    }

    private static string? Text(JsonObject model, string field, string at, List<string> errors)
    {
        var node = model[field];
        if (node is null)
        {
            errors.Add($"{at}.{field}: is required");
            return null;
        }
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            errors.Add($"{at}.{field}: must be a string");
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{at}.{field}: must not be empty");
            return null;
        }
        return text;
    }

    private static string? CheckSource(string source)
    {
        if (source.Any(char.IsControl))
        {
            return "contains control characters";
        }
        if (UrlLike().IsMatch(source))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri))
            {
                return $"'{source}' is not a valid URL";
            }
            return UrlSchemes.Contains(uri.Scheme) ? null : $"the scheme '{uri.Scheme}' is not one of {string.Join(", ", UrlSchemes)}";
        }
        return null;
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UrlLike();
}
