namespace Noa.Abstractions;

/// <summary>
/// How <see cref="SearchRanking"/> orders candidates: the weight of the symbol-name ranking in the fusion, and priors
/// (multipliers of the fused score, 1 = neutral) by what a chunk is. The defaults were chosen on the tuning half of the
/// search bench's queries (<c>bench/search.sh</c>, 38 queries in <c>bench/search/queries/tuning.json</c>) and are reported
/// on the held-out half (34 queries); <c>docs/benchmarks.md</c> has every variant. Tuning half, recall@1 / MRR / recall@10:
/// plain fusion 0.316 / 0.473 / 0.842; these defaults 0.500 / 0.635 / 0.921, level with test/docs at 0.25 or 0.75 and with
/// non-definition at 0.5 (a flat optimum: the middle was kept); scope priors alone 0.395 / 0.557 / 0.921, kind alone
/// 0.447 / 0.578 / 0.868. A fused score is a sum of 1/(60 + rank) terms, so a prior of 0.5 puts a chunk found first by both
/// searches level with one found first by only one.
/// </summary>
public sealed record RankingWeights
{
    /// <summary>
    /// Weight of the ranking by how much of a candidate's symbol name (its last segment, split into words) the query's
    /// words cover, fused beside the vector and keyword rankings. Off by default: with the priors it moved the tuning half
    /// to 0.526 / 0.651 / 0.895 at 0.5 (recall@10 down) and 0.500 / 0.604 / 0.789 at 1 — class names wholly made of query
    /// words (<c>Owner</c>, <c>Purl</c>) come before the method that answers.
    /// </summary>
    public double SymbolMatch { get; init; }

    /// <summary>Prior of test and fixture chunks (scopes <c>test</c>, <c>fixture</c>): findable, after the code they test.</summary>
    public double Test { get; init; } = 0.5;

    /// <summary>Prior of documentation chunks (scope <c>documentation</c>, and doc languages whatever their scope): READMEs
    /// and guides that mention the words rank after the definition that does it.</summary>
    public double Documentation { get; init; } = 0.5;

    /// <summary>Prior of examples and benchmarks (scopes <c>example</c>, <c>benchmark</c>): between product and tests; not varied
    /// separately by the bench (its query set has one example answer).</summary>
    public double Example { get; init; } = 0.75;

    /// <summary>Prior of generated and vendored chunks (vendored files are not embedded; generated ones rarely): as tests.</summary>
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
