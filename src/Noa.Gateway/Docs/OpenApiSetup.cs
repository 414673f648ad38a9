using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Noa.Gateway;

/// <summary>What the generated OpenAPI document says beyond the endpoints: title, the two ways to send a key, and problem types.</summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string BearerScheme = "bearer";
    public const string HeaderScheme = "apiKeyHeader";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "noa gateway",
                Version = "v1",
                Description = "Digest software sources into bundles. Every endpoint needs an API key (scopes: digest:write, runs:read, admin), "
                    + "sent as 'Authorization: Bearer noa_…' or 'X-Api-Key: noa_…'; /healthz, /readyz and /metrics do not. "
                    + "Errors are RFC 9457 problem details (application/problem+json) whose 'type' is stable per kind of failure: "
                    + string.Join(", ", new[] { Problems.BadRequest, Problems.Unauthorized, Problems.Forbidden, Problems.NotFound, Problems.Conflict,
                        Problems.PayloadTooLarge, Problems.UnsupportedMediaType, Problems.RateLimited, Problems.QueueFull, Problems.Internal }) + ".",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "noa_ID_SECRET", Description = "An API key as a bearer token.",
            };
            document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyMiddleware.ApiKeyHeader, Description = "An API key in a header.",
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
            ];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().LastOrDefault() is { } required)
            {
                var scope = required.Scope ?? "any valid key";
                operation.Description = string.IsNullOrEmpty(operation.Description) ? $"Scope: {scope}." : $"{operation.Description}\n\nScope: {scope}.";
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions["x-noa-scope"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(scope));
                // What the middleware may answer for any secured endpoint, before the handler runs.
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", Problem($"No API key, or not a valid one ({Problems.Unauthorized})."));
                if (required.Scope is not null)
                    operation.Responses.TryAdd("403", Problem($"The key lacks the '{required.Scope}' scope ({Problems.Forbidden})."));
                operation.Responses.TryAdd("429", Problem($"The key's rate limit is spent ({Problems.RateLimited}); see Retry-After."));
            }
            return Task.CompletedTask;
        });
    }

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
    };
}
