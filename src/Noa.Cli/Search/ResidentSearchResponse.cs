namespace Noa.Cli.Search;

/// <summary>
/// Its answer: the results, or why it would not answer (another build or other settings: it exits, and the CLI starts one
/// that matches), or the error the search raised.
/// </summary>
internal sealed record ResidentSearchResponse(SearchAnswer? Answer, string? Refused = null, string? Error = null);
