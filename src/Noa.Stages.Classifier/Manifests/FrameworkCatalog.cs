using System.Collections.Frozen;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>Which dependency names mean which framework, per ecosystem.</summary>
internal static class FrameworkCatalog
{
    private static readonly FrameworkDef[] All =
    [
        // npm
        new("npm", "express", "express", "Express", "http"),
        new("npm", "fastify", "fastify", "Fastify", "http"),
        new("npm", "koa", "koa", "Koa", "http"),
        new("npm", "@nestjs/core", "nestjs", "NestJS", "http"),
        new("npm", "@hapi/hapi", "hapi", "hapi", "http"),
        new("npm", "hono", "hono", "Hono", "http"),
        new("npm", "next", "nextjs", "Next.js", "fullstack"),
        new("npm", "nuxt", "nuxt", "Nuxt", "fullstack"),
        new("npm", "@remix-run/react", "remix", "Remix", "fullstack"),
        new("npm", "@sveltejs/kit", "sveltekit", "SvelteKit", "fullstack"),
        new("npm", "astro", "astro", "Astro", "frontend"),
        new("npm", "react", "react", "React", "frontend"),
        new("npm", "vue", "vue", "Vue", "frontend"),
        new("npm", "@angular/core", "angular", "Angular", "frontend"),
        new("npm", "svelte", "svelte", "Svelte", "frontend"),
        new("npm", "solid-js", "solid", "Solid", "frontend"),
        new("npm", "preact", "preact", "Preact", "frontend"),
        new("npm", "electron", "electron", "Electron", "desktop"),
        new("npm", "commander", "commander", "Commander.js", "cli"),
        new("npm", "yargs", "yargs", "yargs", "cli"),
        new("npm", "@oclif/core", "oclif", "oclif", "cli"),
        new("npm", "bullmq", "bullmq", "BullMQ", "worker"),
        new("npm", "bull", "bull", "Bull", "worker"),
        new("npm", "kafkajs", "kafkajs", "KafkaJS", "worker"),
        new("npm", "amqplib", "amqplib", "amqplib", "worker"),
        new("npm", "@grpc/grpc-js", "grpc-js", "gRPC", "rpc"),
        new("npm", "jest", "jest", "Jest", "test"),
        new("npm", "mocha", "mocha", "Mocha", "test"),
        new("npm", "vitest", "vitest", "Vitest", "test"),
        // PyPI
        new("pypi", "flask", "flask", "Flask", "http"),
        new("pypi", "fastapi", "fastapi", "FastAPI", "http"),
        new("pypi", "django", "django", "Django", "http"),
        new("pypi", "starlette", "starlette", "Starlette", "http"),
        new("pypi", "aiohttp", "aiohttp", "aiohttp", "http"),
        new("pypi", "tornado", "tornado", "Tornado", "http"),
        new("pypi", "sanic", "sanic", "Sanic", "http"),
        new("pypi", "streamlit", "streamlit", "Streamlit", "frontend"),
        new("pypi", "gradio", "gradio", "Gradio", "frontend"),
        new("pypi", "click", "click", "Click", "cli"),
        new("pypi", "typer", "typer", "Typer", "cli"),
        new("pypi", "celery", "celery", "Celery", "worker"),
        new("pypi", "rq", "rq", "RQ", "worker"),
        new("pypi", "dramatiq", "dramatiq", "Dramatiq", "worker"),
        new("pypi", "kafka-python", "kafka-python", "kafka-python", "worker"),
        new("pypi", "pika", "pika", "Pika", "worker"),
        new("pypi", "grpcio", "grpcio", "gRPC", "rpc"),
        new("pypi", "pytest", "pytest", "pytest", "test"),
        // Go
        new("go", "github.com/gin-gonic/gin", "gin", "Gin", "http"),
        new("go", "github.com/labstack/echo", "echo", "Echo", "http"),
        new("go", "github.com/go-chi/chi", "chi", "chi", "http"),
        new("go", "github.com/gorilla/mux", "gorilla-mux", "Gorilla mux", "http"),
        new("go", "github.com/gofiber/fiber", "fiber", "Fiber", "http"),
        new("go", "github.com/spf13/cobra", "cobra", "Cobra", "cli"),
        new("go", "github.com/urfave/cli", "urfave-cli", "urfave/cli", "cli"),
        new("go", "google.golang.org/grpc", "grpc-go", "gRPC", "rpc"),
        new("go", "github.com/hibiken/asynq", "asynq", "Asynq", "worker"),
        new("go", "github.com/segmentio/kafka-go", "kafka-go", "kafka-go", "worker"),
        new("go", "github.com/nats-io/nats.go", "nats", "NATS", "worker"),
        // Cargo
        new("cargo", "axum", "axum", "axum", "http"),
        new("cargo", "actix-web", "actix-web", "actix-web", "http"),
        new("cargo", "rocket", "rocket", "Rocket", "http"),
        new("cargo", "warp", "warp", "warp", "http"),
        new("cargo", "poem", "poem", "Poem", "http"),
        new("cargo", "clap", "clap", "clap", "cli"),
        new("cargo", "structopt", "structopt", "StructOpt", "cli"),
        new("cargo", "tonic", "tonic", "tonic", "rpc"),
        new("cargo", "lapin", "lapin", "lapin", "worker"),
        new("cargo", "rdkafka", "rdkafka", "rust-rdkafka", "worker"),
        new("cargo", "leptos", "leptos", "Leptos", "frontend"),
        new("cargo", "yew", "yew", "Yew", "frontend"),
        new("cargo", "tauri", "tauri", "Tauri", "desktop"),
        // Maven / Gradle (artifactId)
        new("maven", "spring-boot-starter-web", "spring-boot", "Spring Boot", "http"),
        new("maven", "spring-boot-starter-webflux", "spring-boot", "Spring Boot", "http"),
        new("maven", "quarkus-resteasy", "quarkus", "Quarkus", "http"),
        new("maven", "quarkus-rest", "quarkus", "Quarkus", "http"),
        new("maven", "micronaut-http-server-netty", "micronaut", "Micronaut", "http"),
        new("maven", "javalin", "javalin", "Javalin", "http"),
        new("maven", "ktor-server-core", "ktor", "Ktor", "http"),
        new("maven", "picocli", "picocli", "picocli", "cli"),
        new("maven", "spring-kafka", "spring-kafka", "Spring for Apache Kafka", "worker"),
        new("maven", "spring-boot-starter-amqp", "spring-amqp", "Spring AMQP", "worker"),
        new("maven", "junit-jupiter", "junit", "JUnit", "test"),
        // NuGet
        new("nuget", "Microsoft.AspNetCore.App", "aspnetcore", "ASP.NET Core", "http"),
        new("nuget", "Swashbuckle.AspNetCore", "aspnetcore", "ASP.NET Core", "http"),
        new("nuget", "Microsoft.AspNetCore.OpenApi", "aspnetcore", "ASP.NET Core", "http"),
        new("nuget", "Grpc.AspNetCore", "grpc-dotnet", "gRPC for .NET", "rpc"),
        new("nuget", "Microsoft.AspNetCore.Components.WebAssembly", "blazor", "Blazor", "frontend"),
        new("nuget", "System.CommandLine", "system-commandline", "System.CommandLine", "cli"),
        new("nuget", "Spectre.Console.Cli", "spectre-cli", "Spectre.Console.Cli", "cli"),
        new("nuget", "CommandLineParser", "commandlineparser", "CommandLineParser", "cli"),
        new("nuget", "MassTransit", "masstransit", "MassTransit", "worker"),
        new("nuget", "Hangfire.Core", "hangfire", "Hangfire", "worker"),
        new("nuget", "Confluent.Kafka", "confluent-kafka", "Confluent.Kafka", "worker"),
        new("nuget", "RabbitMQ.Client", "rabbitmq-client", "RabbitMQ.Client", "worker"),
        new("nuget", "xunit", "xunit", "xUnit.net", "test"),
        new("nuget", "NUnit", "nunit", "NUnit", "test"),
        // Composer, RubyGems
        new("composer", "laravel/framework", "laravel", "Laravel", "http"),
        new("composer", "symfony/framework-bundle", "symfony", "Symfony", "http"),
        new("composer", "slim/slim", "slim", "Slim", "http"),
        new("rubygems", "rails", "rails", "Ruby on Rails", "http"),
        new("rubygems", "sinatra", "sinatra", "Sinatra", "http"),
        new("rubygems", "sidekiq", "sidekiq", "Sidekiq", "worker"),
        new("rubygems", "thor", "thor", "Thor", "cli"),
    ];

    private static readonly FrozenDictionary<string, FrameworkDef> Exact = All
        .Where(f => f.Ecosystem != "go")
        .ToFrozenDictionary(f => f.Ecosystem + "\n" + f.Dependency, StringComparer.OrdinalIgnoreCase);

    private static readonly FrameworkDef[] GoModules = [.. All.Where(f => f.Ecosystem == "go")];

    /// <summary>The framework a dependency stands for, if any.</summary>
    public static FrameworkDef? Find(string ecosystem, string dependency)
    {
        if (ecosystem == "go")
        {
            foreach (var f in GoModules)
            {
                // Major versions are path suffixes: github.com/labstack/echo/v4.
                if (dependency == f.Dependency || dependency.StartsWith(f.Dependency + "/", StringComparison.Ordinal))
                {
                    return f;
                }
            }
            return null;
        }
        return Exact.GetValueOrDefault(ecosystem + "\n" + dependency);
    }
}
