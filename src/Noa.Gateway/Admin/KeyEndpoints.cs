using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary><c>/admin/keys</c>: create (the secret is shown once), list, revoke.</summary>
internal static partial class KeyEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/keys", CreateAsync).WithName("CreateKey").WithSummary("Create an API key")
            .WithDescription("Answers the key (noa_ID_SECRET) once; only its SHA-256 is stored. Scopes: digest:write, runs:read, admin (admin implies the others and sees every tenant). tenant: the project whose runs the key creates and sees (lower-case letters, digits, '.', '_', '-'); left out, the key is a tenant of its own.")
            .Accepts<KeyRequest>("application/json").Produces<KeyCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(413).ProducesProblem(415);
        admin.MapGet("/keys", ListAsync).WithName("ListKeys").WithSummary("Every API key, without secrets");
        admin.MapDelete("/keys/{keyId}", RevokeAsync).WithName("RevokeKey").WithSummary("Revoke an API key")
            .WithDescription("The key stops working at once on this gateway, and within Noa:Gateway:KeyCacheTtl on others. The record stays, marked revoked.");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IApiKeyStore store, TimeProvider time, ILoggerFactory loggers)
    {
        var (body, problem) = await JsonBody.ReadAsync<KeyRequest>(context.Request, GatewayJson.Bodies);
        if (problem is not null)
            return problem;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body!.Name) || body.Name.Length > 200 || body.Name.Any(char.IsControl))
            errors["name"] = ["is required: 1 to 200 characters saying what the key is for"];
        if (body.Scopes is not { Count: > 0 } scopes)
            errors["scopes"] = [$"must list at least one of {string.Join(", ", ApiScopes.All)}"];
        else if (scopes.Where(s => !ApiScopes.All.Contains(s)).ToArray() is { Length: > 0 } unknown)
            errors["scopes"] = [$"{string.Join(", ", unknown.Select(u => $"'{u}'"))} unknown; scopes: {string.Join(", ", ApiScopes.All)}"];
        if (body.Tenant is { } tenant && !Tenants.IsValid(tenant))
            errors["tenant"] = [$"must be 1 to {Tenants.MaxLength} lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"];
        if (errors.Count > 0)
            return Problems.Invalid(errors);

        var caller = context.Features.GetRequiredFeature<ApiCaller>();
        var secret = ApiKeySecret.NewSecret();
        var key = new ApiKey
        {
            Id = ApiKeySecret.NewId(), Name = body.Name!.Trim(), SecretHash = ApiKeySecret.Hash(secret),
            Scopes = [.. body.Scopes!.Distinct(StringComparer.Ordinal)], CreatedAt = time.GetUtcNow(), CreatedBy = caller.KeyId,
            Tenant = body.Tenant,
        };
        await store.SaveKeyAsync(key, context.RequestAborted);
        Log.KeyCreated(loggers.CreateLogger(typeof(KeyEndpoints).FullName!), key.Id, caller.KeyId, string.Join(",", key.Scopes));
        return TypedResults.Created($"/admin/keys/{key.Id}",
            new KeyCreated(key.Id, key.Name, key.Scopes, key.CreatedAt, ApiKeySecret.Format(key.Id, secret), key.Tenant ?? key.Id));
    }

    private static async Task<Ok<IReadOnlyList<KeyView>>> ListAsync(IApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<KeyView>>([.. (await store.ListKeysAsync(cancellationToken)).Select(KeyView.Of)]);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string keyId, HttpContext context, IApiKeyStore store,
        ApiKeyAuthenticator authenticator, TimeProvider time, ILoggerFactory loggers)
    {
        if (!await store.RevokeKeyAsync(keyId, time.GetUtcNow(), context.RequestAborted))
            return Problems.Of(404, "Key not found", $"There is no API key '{keyId}'.");
        authenticator.Forget(keyId);
        Log.KeyRevoked(loggers.CreateLogger(typeof(KeyEndpoints).FullName!), keyId, context.Features.GetRequiredFeature<ApiCaller>().KeyId);
        return TypedResults.NoContent();
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.KeyCreated, LogLevel.Information, "API key {KeyId} created by {CreatedBy} with scopes {Scopes}")]
        public static partial void KeyCreated(ILogger logger, string keyId, string createdBy, string scopes);

        [LoggerMessage(LogEvents.KeyRevoked, LogLevel.Information, "API key {KeyId} revoked by {RevokedBy}")]
        public static partial void KeyRevoked(ILogger logger, string keyId, string revokedBy);
    }
}
