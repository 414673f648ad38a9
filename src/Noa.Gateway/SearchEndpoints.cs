using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Noa.Abstractions;
using Noa.Embeddings.Search;

namespace Noa.Gateway;

/// <summary><c>GET /search</c>: what <c>noa search</c> prints, as JSON.</summary>
internal static class SearchEndpoints
{
    /// <summary>The answer: the query as understood and the ranked results.</summary>
    public sealed record SearchAnswer(string Query, SearchMode Mode, IReadOnlyList<SearchResult> Results);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/search", SearchAsync).RequireScope(ApiScopes.RunsRead).WithName("Search").WithTags("Search")
            .WithSummary("Search digested sources").WithDescription(
                "Ranked chunks (path, symbol, kind, language, lines, snippet, score) of what the embeddings stage stored. q: the query; " +
                $"k: 1–{SearchQuery.MaxK} results (10); mode: hybrid (meaning and words fused by reciprocal rank; default), vector or text; " +
                "filters source, run, language, path (a prefix), kind, scope (product, test, docs, example … or all, the default: every scope, code ranked before tests and docs). Only the caller's tenant's chunks (every tenant's for admin). 503 when this process has no vector store.")
            .Produces<SearchAnswer>().ProducesValidationProblem().ProducesProblem(503);

    private static async Task<Results<Ok<SearchAnswer>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        [FromServices] ChunkSearch? search, string? q, int? k, string? mode, string? source, string? run, string? language, string? path, string? kind,
        string? scope, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsedMode = SearchMode.Hybrid;
        if (mode is not null && (!Enum.TryParse(mode, ignoreCase: true, out parsedMode) || !Enum.IsDefined(parsedMode) || char.IsAsciiDigit(mode[0])))
            errors["mode"] = [$"'{mode}' is not a mode; modes: hybrid, vector, text"];
        if (!SearchScopes.TryParse(scope, out var parsedScope))
            errors["scope"] = [SearchScopes.Error(scope!)];
        var query = new SearchQuery(q ?? "", k ?? 10, parsedMode, new VectorFilter
        {
            Source = source, Run = run, Language = language, PathPrefix = path, Kind = kind, Scope = parsedScope,
            // Only the caller's tenant's chunks, whatever the other filters say; an admin searches every tenant.
            Tenant = context.Features.GetRequiredFeature<ApiCaller>().ReadTenant,
        });
        foreach (var error in query.Validate())
            errors[error.StartsWith('k') ? "k" : "q"] = [error];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (search is null)
            return TypedResults.Problem("This gateway runs without the vectors module; search is served where it runs.", statusCode: 503, title: "Search unavailable");
        var results = await search.SearchAsync(query, cancellationToken);
        return TypedResults.Ok(new SearchAnswer(query.Text, query.Mode, results));
    }
}
