using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Stages.Embeddings;

/// <summary>The content of <c>embeddings.json</c>: what was chunked, embedded, reused and removed, by which model, and why.</summary>
internal sealed record EmbeddingsReport
{
    public const string BundlePath = "embeddings.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public int Version { get; init; } = 1;

    /// <summary>The source key the chunks are stored under (the filter <c>noa search --source</c> takes).</summary>
    public required string Source { get; init; }

    /// <summary>The vector store implementation.</summary>
    public required string Store { get; init; }

    public required IReadOnlyList<ModelUse> Models { get; init; }

    public required ChunkCounts Chunks { get; init; }

    public required FileCounts Files { get; init; }

    public required TokenStats Tokens { get; init; }

    public required Timing Embedding { get; init; }

    public required BudgetUse Budget { get; init; }

    /// <summary>A model, the content kind it embeds, its collection, and the setting that chose it.</summary>
    public sealed record ModelUse(string Kind, string Model, string Collection, int? Dimensions, string Reason, int Chunks);

    /// <summary>Chunks of this run: total = unchanged + reused + embedded + pending.</summary>
    public sealed record ChunkCounts(int Total, int Code, int Docs, int Unchanged, int Reused, int Embedded, int Pending, int Removed);

    public sealed record FileCounts(int Code, int Docs, IReadOnlyList<SkippedFile> Skipped);

    public sealed record TokenStats(double Mean, int Max, int Windows);

    public sealed record Timing(double Seconds, double ChunksPerSecond);

    /// <summary>The per-run limits (0: none), whether one was reached, and what that means.</summary>
    public sealed record BudgetUse(int MaxChunks, int MaxSeconds, bool Reached, string? Note);
}
