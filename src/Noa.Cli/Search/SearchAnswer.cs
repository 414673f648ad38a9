using Noa.Embeddings.Search;

namespace Noa.Cli.Search;

/// <summary>What <c>noa search</c> prints: the ranked results, and the sources whose chunks are not all searchable yet.</summary>
internal sealed record SearchAnswer(IReadOnlyList<SearchResult> Results, IReadOnlyList<string> Pending);
