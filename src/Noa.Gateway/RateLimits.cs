using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Noa.Gateway;

/// <summary>A token bucket per API key (after authentication, so the key is known); refused calls get a 429 problem with Retry-After.</summary>
internal static class RateLimits
{
    public static void Configure(RateLimiterOptions limiter, GatewayOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Features.Get<ApiCaller>() is { } caller
                ? RateLimitPartition.GetTokenBucketLimiter(caller.KeyId, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateLimitBurst,
                    TokensPerPeriod = options.RateLimitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
            http.RequestServices.GetRequiredService<GatewayTelemetry>().Rejected.Add(1, new KeyValuePair<string, object?>("reason", "rate-limited"));
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = 429, Title = "Rate limited", Type = Problems.RateLimited,
                    Detail = $"Key '{http.Features.Get<ApiCaller>()?.KeyId}' sent more than {options.RateLimitPerSecond} calls a second (bursts of {options.RateLimitBurst}); retry after {seconds} s.",
                },
            });
        };
    }

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, options) => Configure(limiter, options.Value));
        return services;
    }
}
