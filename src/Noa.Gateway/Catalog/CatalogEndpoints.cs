using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary><c>GET /catalog</c>: the published runs, newest first, as <c>noa catalog --json</c> prints them.</summary>
internal static class CatalogEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/catalog", ListAsync).RequireScope(ApiScopes.RunsRead).WithName("ListCatalog").WithTags("Catalog")
            .WithSummary("List published runs").WithDescription(
                "One row per run the Registrar published: source, tree hash, commit, bundle reference and digest, languages, frameworks, " +
                "service types, licences, safety verdict, created time; newest first. Filters (each optional, combined with AND): language, " +
                "framework, license (an SPDX id) match any of a row's values ignoring case; verdict is pass, warn or fail; source is the " +
                $"locator or the short name. limit: 1–{CatalogQuery.MaxLimit} (50). cursor: the 'next' of the previous page (keyset " +
                "pagination; absent on the last page). Only the caller's tenant's rows (every tenant's for admin).")
            .Produces<CatalogView>().ProducesValidationProblem();

    private static async Task<Results<Ok<CatalogView>, ValidationProblem>> ListAsync(
        [FromServices] ICatalog catalog, string? language, string? framework, string? license, string? verdict, string? source, int? limit,
        string? cursor, HttpContext context, CancellationToken cancellationToken)
    {
        CatalogCursor? after = null;
        var cursorValid = cursor is null || CatalogCursor.TryParse(cursor, out after);
        var query = new CatalogQuery(context.Features.GetRequiredFeature<ApiCaller>().ReadTenant, language, framework, license,
            verdict?.ToLowerInvariant(), source, limit ?? 50, after);
        var errors = query.Validate().ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal);
        if (verdict is not null && errors.ContainsKey("verdict"))
            errors["verdict"] = [$"'{verdict}' is not a verdict; verdicts: {string.Join(", ", CatalogQuery.Verdicts)}"];
        if (!cursorValid)
            errors["cursor"] = ["is not a cursor this API gave; pass the 'next' of the previous page unchanged"];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var page = await catalog.ListAsync(query, cancellationToken);
        return TypedResults.Ok(new CatalogView(page.Entries, page.Next?.ToString()));
    }
}
