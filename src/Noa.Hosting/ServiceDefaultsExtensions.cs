using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Noa.Credentials;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Noa.Hosting;

/// <summary>What every noa process gets: structured logs, health checks, and OpenTelemetry when asked for.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The tag of health checks that decide readiness (<c>/readyz</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Structured JSON logs to stdout, health checks, the credential sealer (<c>Noa:Credentials:KeyFile</c>, else a key made
    /// under <c>$NOA_HOME/secrets</c>), and OpenTelemetry traces, metrics and logs exported
    /// over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (off otherwise: no exporter, no cost; the other
    /// <c>OTEL_*</c> variables tune it). Every module's <c>ActivitySource</c> and <c>Meter</c> is named <c>Noa.*</c>; ASP.NET Core
    /// requests (but health probes and scrapes) and outgoing <c>HttpClient</c> calls are traced and measured too.
    /// </summary>
    public static IHostApplicationBuilder AddNoaDefaults(this IHostApplicationBuilder builder, bool jsonLogs = true)
    {
        builder.Logging.ClearProviders();
        if (jsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
                o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Services.AddHealthChecks();
        // Credentials in source locators are sealed where they enter and opened by Intake, with one key per deployment.
        builder.Services.AddCredentialSealer(o =>
        {
            o.KeyFile = builder.Configuration[$"{CredentialOptions.Section}:KeyFile"];
            o.DefaultKeyFile = Path.Combine(NoaHome.From(builder.Configuration).Root, "secrets", "credentials.key");
        });

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Logging.AddOpenTelemetry(o => { o.IncludeScopes = true; o.IncludeFormattedMessage = true; });
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
                .WithTracing(t => t
                    .AddSource("Noa.*")
                    // The request span is the root of what it causes (POST /digest: the run, its stages, the workers);
                    // probes and scrapes would only bury it.
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                    .AddHttpClientInstrumentation())
                .WithMetrics(m => m.AddMeter("Noa.*").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }
        return builder;
    }

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");

    /// <summary>Maps <c>/healthz</c> (liveness: the process answers) and <c>/readyz</c> (every check tagged <see cref="ReadyTag"/>).</summary>
    public static WebApplication MapNoaDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return app;
    }
}
