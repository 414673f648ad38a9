namespace Noa.Embeddings.Models;

/// <summary>Chooses and builds embedding models from <see cref="EmbeddingOptions"/>.</summary>
public static class EmbeddingModels
{
    /// <summary>Stable id of a spec's model: vectors are keyed by (chunk content hash, model id).</summary>
    public static string IdOf(EmbeddingModelSpec spec) => spec.Provider switch
    {
        EmbeddingProvider.MiniLm => MiniLmEmbeddingGenerator.IdOf(spec.MiniLmPrecision),
        _ => $"openai-compatible:{spec.Model}",
    };

    /// <summary>The model for a kind of content, and the setting that chose it, for the audit trail.</summary>
    public static ModelSelection Select(EmbeddingOptions options, ContentKind kind)
    {
        var (own, key) = kind == ContentKind.Code ? (options.Code, "Code") : (options.Docs, "Docs");
        if (own is not null)
            return new ModelSelection(kind, own, IdOf(own), $"{EmbeddingOptions.Section}:{key} names {Describe(own)} for {kind.ToString().ToLowerInvariant()}");
        var spec = options.Default;
        var why = ReferenceEquals(spec, EmbeddingModelSpec.Default)
            ? $"no model configured for {kind.ToString().ToLowerInvariant()}: the embedded default {Describe(spec)}"
            : $"{EmbeddingOptions.Section}:{key} unset: {EmbeddingOptions.Section}:Default names {Describe(spec)}";
        return new ModelSelection(kind, spec, IdOf(spec), why);
    }

    /// <summary>Builds the generator for a spec.</summary>
    /// <param name="spec">A valid spec (see <see cref="EmbeddingModelSpec.Validate"/>).</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="http">Client for OpenAI-compatible servers; one is created when null.</param>
    public static EmbeddingModel Create(EmbeddingModelSpec spec, IProgress<EmbeddingProgress>? progress = null, HttpClient? http = null)
    {
        var errors = spec.Validate(EmbeddingOptions.Section);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors), nameof(spec));
        return spec.Provider switch
        {
            EmbeddingProvider.MiniLm => new EmbeddingModel(new MiniLmEmbeddingGenerator(spec, progress), IdOf(spec)),
            _ => new EmbeddingModel(new OpenAiEmbeddingGenerator(spec, http, progress), IdOf(spec)),
        };
    }

    /// <summary>
    /// Writes the quantized MiniLM (<see cref="EmbeddingPrecision.Int8"/>) into <paramref name="folder"/> (default:
    /// <c>models/</c> beside the executable, where every generator looks first) and returns its path; <c>make build</c>
    /// runs it once, so no process quantizes the model at start.
    /// </summary>
    public static string PrepareMiniLm(string? folder = null) => MiniLmModelFile.Prepare(folder ?? MiniLmModelFile.DefaultFolder);

    private static string Describe(EmbeddingModelSpec spec) => spec.Provider == EmbeddingProvider.MiniLm
        ? $"{MiniLmEmbeddingGenerator.IdOf(spec.MiniLmPrecision)} (embedded ONNX)"
        : $"{spec.Model} at {spec.Endpoint}";
}
