using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Noa.Gateway;

/// <summary>
/// Authenticates calls to endpoints carrying <see cref="RequiredScope"/>: the key comes from
/// <c>Authorization: Bearer noa_…</c> or <c>X-Api-Key</c>. No or a bad key: 401; a key without the scope: 403.
/// Failed authentications are limited per client address (<see cref="AnonymousLimiter"/>): past the limit, 429 with
/// Retry-After, and no key is looked up. Endpoints without the metadata (health, readiness, metrics) pass untouched.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator, AnonymousLimiter anonymous,
    GatewayTelemetry telemetry, IProblemDetailsService problems)
{
    public const string ApiKeyHeader = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>() is not { } required)
        {
            await next(context);
            return;
        }
        var presented = Presented(context.Request);
        var client = ClientAddress.Of(context);
        // A client out of tokens is refused before the key is looked up, unless the key is one this gateway knows is good.
        if (anonymous.Exhausted(client) && !authenticator.IsKnownGood(presented))
        {
            await LimitAsync(context, client);
            return;
        }
        var caller = presented is null ? null : await authenticator.AuthenticateAsync(presented, context.RequestAborted);
        if (caller is null)
        {
            if (!anonymous.TryTake(client))
                await LimitAsync(context, client);
            else if (presented is null)
                await ChallengeAsync(context, "Send an API key as 'Authorization: Bearer noa_…' or in the X-Api-Key header.");
            else
                await ChallengeAsync(context, "The API key is not valid, or it was revoked.");
            return;
        }
        context.Features.Set(caller);
        if (required.Scope is { } scope && !caller.Has(scope))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WriteAsync(context, "Forbidden", $"This call needs the '{scope}' scope; key '{caller.KeyId}' has {string.Join(", ", caller.Scopes)}.");
            return;
        }
        await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        var header = request.Headers[ApiKeyHeader].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    private Task LimitAsync(HttpContext context, string client)
    {
        telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("reason", "unauthenticated-rate-limited"));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers[HeaderNames.RetryAfter] = "1";
        return WriteAsync(context, "Rate limited",
            $"{client} sent more than {anonymous.PerSecond} calls a second without a valid API key (bursts of {anonymous.Burst}); retry after 1 s.");
    }

    private Task ChallengeAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"noa\"";
        return WriteAsync(context, "Unauthorized", detail);
    }

    private async Task WriteAsync(HttpContext context, string title, string detail)
    {
        var status = context.Response.StatusCode;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = Problems.TypeFor(status) },
        });
    }
}
