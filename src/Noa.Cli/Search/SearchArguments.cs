using Noa.Embeddings.Search;

namespace Noa.Cli.Search;

/// <summary>
/// What <c>noa search</c> was asked, however its command line was read: by System.CommandLine
/// (<see cref="Commands.SearchCommand"/>) or by <see cref="SearchCommandLine"/>'s fast path.
/// </summary>
internal sealed record SearchArguments(string Query, GlobalOptions Global)
{
    public const int DefaultK = 10;

    public int K { get; init; } = DefaultK;
    public SearchMode Mode { get; init; }
    public string? Source { get; init; }
    public string? Run { get; init; }
    public string? Language { get; init; }
    public string? PathPrefix { get; init; }
    public string? Kind { get; init; }
    public string? Scope { get; init; }
    public bool Json { get; init; }
}
