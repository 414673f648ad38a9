using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Hosting;
using OpenTelemetry.Metrics;

namespace Noa.Gateway;

/// <summary>Registration of the gateway module.</summary>
public static class Extensions
{
    /// <summary>
    /// Registers the gateway: <see cref="GatewayOptions"/> bound from <c>Noa:Gateway</c> and validated at start,
    /// API keys, audit, per-key rate limits, problem details, the OpenAPI document, Prometheus metrics, a readiness
    /// check named <c>gateway</c>, and <see cref="MapGatewayEndpoints"/> for <c>MapModules</c>. Needs an
    /// <c>IMessageBus</c>, <c>IRunStore</c>, <c>IAuditLog</c>, <c>IApiKeyStore</c>, <c>IPolicyStore</c>, <c>IArtifactStore</c> and an
    /// <c>IPolicyValidator</c> (the Safety stage's <c>AddSafetyPolicyValidator</c>).
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<RunQueue>();
        services.TryAddSingleton<QueueMonitor>();
        services.TryAddSingleton<GatewayTelemetry>();
        services.TryAddSingleton<AnonymousLimiter>();
        services.TryAddSingleton<RefusalAudit>();
        services.TryAddSingleton<KestrelConnections>();
        if (services.Any(d => d.ServiceType == typeof(GatewayHealthCheck)))
            return services;

        services.AddSingleton<GatewayHealthCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueMonitor>());
        services.AddHostedService<BootstrapKey>();
        services.AddHostedService(sp => sp.GetRequiredService<RefusalAudit>());
        services.AddHostedService<LocalSourcesWarning>();
        services.AddOptions<IntakeRoots>().BindConfiguration(IntakeRoots.Section);
        services.AddSingleton<ILoggerProvider, KestrelRefusalLog>();
        services.Configure<LoggerFilterOptions>(o => o.AddFilter<KestrelRefusalLog>(KestrelRefusalLog.Category, LogLevel.Debug));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        services.ConfigureHttpJsonOptions(o => GatewayJson.Configure(o.SerializerOptions));
        services.AddOpenApi(OpenApiSetup.DocumentName, OpenApiSetup.Configure);
        services.AddGatewayRateLimits();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>, KestrelConnections>((kestrel, gateway, connections) =>
        {
            kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes;
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(connections.Middleware));
        });
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter("Noa.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
            .AddPrometheusExporter());
        // "ready" is ServiceDefaultsExtensions.ReadyTag.
        services.AddHealthChecks().AddCheck<GatewayHealthCheck>("gateway", tags: [ServiceDefaultsExtensions.ReadyTag]);
        services.AddModuleEndpoints(app => app.MapGatewayEndpoints());
        return services;
    }

    /// <summary>
    /// Adds the gateway's middleware (problem details for errors and bare status codes, audit, API keys, rate limits)
    /// and its endpoints: <c>/digest</c>, <c>/runs…</c>, <c>/admin/…</c>, <c>/openapi/v1.json</c>, <c>/docs</c>, <c>/metrics</c>.
    /// </summary>
    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();

        // Anonymous like /healthz: Prometheus scrapes from inside the cluster, and the series hold counts and
        // route templates, never run data or secrets. Restrict it at the network (NetworkPolicy) if needed.
        app.MapPrometheusScrapingEndpoint("/metrics");
        RunEndpoints.Map(app);
        SearchEndpoints.Map(app);
        CatalogEndpoints.Map(app);
        var admin = app.MapGroup("/admin").RequireScope(ApiScopes.Admin).WithTags("Admin");
        QueueEndpoints.Map(admin);
        KeyEndpoints.Map(admin);
        AuditEndpoints.Map(admin);
        PolicyEndpoints.Map(admin);
        DocsEndpoints.Map(app);
        return app;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            problem.Type = Problems.TypeFor(status);
        if (status == StatusCodes.Status413PayloadTooLarge && problem.Detail is null)
            problem.Detail = "The request body is larger than this gateway accepts (Noa:Gateway:MaxRequestBodyBytes).";
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }
}
