namespace Noa.Stages.Embeddings;

/// <summary>
/// The Embeddings stage's budget and limits, bound from <c>Noa:Embeddings</c> (the models are configured in the same
/// section: <c>Default</c>, <c>Code</c>, <c>Docs</c>).
/// </summary>
public sealed class EmbeddingsStageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Embeddings";

    /// <summary>At most this many chunks are embedded per run (0: no limit); the rest wait for the next run, noted in embeddings.json.</summary>
    public int MaxChunks { get; set; }

    /// <summary>Embedding stops after this many seconds (0: no limit); what is embedded by then is stored, the rest noted.</summary>
    public int MaxSeconds { get; set; }

    /// <summary>Files larger than this are not chunked (generated bundles, data); listed as skipped.</summary>
    public int MaxFileBytes { get; set; } = 512 * 1024;

    /// <summary>Chunks embedded and stored per step: the unit of progress, budget checks and of work kept when a worker dies.</summary>
    public int StepSize { get; set; } = 64;

    /// <summary>Every problem with the options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxChunks < 0)
            errors.Add($"{Section}:MaxChunks must be 0 (no limit) or more, not {MaxChunks}.");
        if (MaxSeconds < 0)
            errors.Add($"{Section}:MaxSeconds must be 0 (no limit) or more, not {MaxSeconds}.");
        if (MaxFileBytes is < 1024 or > 64 * 1024 * 1024)
            errors.Add($"{Section}:MaxFileBytes must be between 1024 and 67108864, not {MaxFileBytes}.");
        if (StepSize is < 1 or > 4096)
            errors.Add($"{Section}:StepSize must be between 1 and 4096, not {StepSize}.");
        return errors;
    }
}
