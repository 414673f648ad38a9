using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Noa.Gateway;

/// <summary><c>/openapi/v1.json</c> and <c>/docs</c>, the API reference rendered from it.</summary>
internal static class DocsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireScope(null);
        app.MapGet("/docs", (Delegate)RenderAsync).RequireScope(null).ExcludeFromDescription();
    }

    private static async Task<IResult> RenderAsync(HttpContext context)
    {
        var provider = context.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiSetup.DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(context.RequestAborted);
        return TypedResults.Content(ApiReferencePage.Render(document), "text/html; charset=utf-8");
    }
}
