namespace Noa.Abstractions;

/// <summary>
/// How <see cref="SearchRanking"/> orders candidates: the weight of the symbol-name ranking in the fusion, and priors
/// (multipliers of the fused score, 1 = neutral) by what a chunk is. The defaults were chosen on the tuning half of the
/// search bench's queries (<c>bench/search.sh</c>, <c>bench/search/queries/tuning.json</c>) and are reported on the held-out
/// half; <c>docs/benchmarks.md</c> has the measurements. A fused score is a sum of 1/(60 + rank) terms, so a prior of 0.5
/// puts a chunk found first by both searches level with one found first by only one.
/// </summary>
public sealed record RankingWeights
{
    /// <summary>
    /// Weight of the ranking by how much of a candidate's symbol name (its last segment, split into words) the query's
    /// words cover, fused beside the vector and keyword rankings (0 leaves it out).
    /// </summary>
    public double SymbolMatch { get; init; } = 1.0;

    /// <summary>Prior of test and fixture chunks (scopes <c>test</c>, <c>fixture</c>): findable, after the code they test.</summary>
    public double Test { get; init; } = 0.5;

    /// <summary>Prior of documentation chunks (scope <c>documentation</c>, and doc languages whatever their scope): READMEs
    /// and guides that mention the words rank after the definition that does it.</summary>
    public double Documentation { get; init; } = 0.5;

    /// <summary>Prior of examples and benchmarks (scopes <c>example</c>, <c>benchmark</c>).</summary>
    public double Example { get; init; } = 0.75;

    /// <summary>Prior of generated and vendored chunks.</summary>
    public double Generated { get; init; } = 0.5;

    /// <summary>Prior of chunks that are not one definition: a file's lines outside its definitions, a config key, a
    /// doc section (kinds <c>file</c>, <c>key</c>, <c>section</c>), which mention many words without answering.</summary>
    public double NonDefinition { get; init; } = 0.75;

    /// <summary>The defaults above.</summary>
    public static RankingWeights Default { get; } = new();

    /// <summary>Plain reciprocal rank fusion of vector and keyword rankings, every prior neutral: the ranking before
    /// symbol matching and priors, kept as the bench's baseline.</summary>
    public static RankingWeights Unweighted { get; } = new()
    {
        SymbolMatch = 0, Test = 1, Documentation = 1, Example = 1, Generated = 1, NonDefinition = 1,
    };
}
