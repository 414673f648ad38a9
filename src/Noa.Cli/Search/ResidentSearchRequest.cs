using Noa.Embeddings.Search;

namespace Noa.Cli.Search;

/// <summary>One search asked of the resident process.</summary>
internal sealed record ResidentSearchRequest(string Build, string Settings, SearchQuery Query);
