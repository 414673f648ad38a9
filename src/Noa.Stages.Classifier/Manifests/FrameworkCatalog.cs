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
        new("npm", "react-native", "react-native", "React Native", "mobile"),
        new("npm", "expo", "expo", "Expo", "mobile"),
        new("npm", "@capacitor/core", "capacitor", "Capacitor", "mobile"),
        new("npm", "@tauri-apps/api", "tauri", "Tauri", "desktop"),
        new("npm", "prisma", "prisma", "Prisma", "orm"),
        new("npm", "@prisma/client", "prisma", "Prisma", "orm"),
        new("npm", "typeorm", "typeorm", "TypeORM", "orm"),
        new("npm", "drizzle-orm", "drizzle", "Drizzle ORM", "orm"),
        new("npm", "sequelize", "sequelize", "Sequelize", "orm"),
        new("npm", "mongoose", "mongoose", "Mongoose", "orm"),
        new("npm", "@mikro-orm/core", "mikro-orm", "MikroORM", "orm"),
        new("npm", "@playwright/test", "playwright", "Playwright", "test"),
        new("npm", "playwright", "playwright", "Playwright", "test"),
        new("npm", "testcontainers", "testcontainers", "Testcontainers", "test"),
        new("npm", "@testcontainers/*", "testcontainers", "Testcontainers", "test"),
        new("npm", "cypress", "cypress", "Cypress", "test"),
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
        new("pypi", "sqlmodel", "sqlmodel", "SQLModel", "orm"),
        new("pypi", "sqlalchemy", "sqlalchemy", "SQLAlchemy", "orm"),
        new("pypi", "flask-sqlalchemy", "sqlalchemy", "SQLAlchemy", "orm"),
        new("pypi", "alembic", "alembic", "Alembic", "migrations"),
        new("pypi", "pydantic-settings", "pydantic-settings", "Pydantic Settings", "config"),
        new("pypi", "tortoise-orm", "tortoise-orm", "Tortoise ORM", "orm"),
        new("pypi", "peewee", "peewee", "peewee", "orm"),
        new("pypi", "playwright", "playwright", "Playwright", "test"),
        new("pypi", "pytest-playwright", "playwright", "Playwright", "test"),
        new("pypi", "testcontainers", "testcontainers", "Testcontainers", "test"),
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
        new("go", "gorm.io/gorm", "gorm", "GORM", "orm"),
        new("go", "entgo.io/ent", "ent", "ent", "orm"),
        new("go", "github.com/testcontainers/testcontainers-go", "testcontainers", "Testcontainers", "test"),
        new("go", "github.com/playwright-community/playwright-go", "playwright", "Playwright", "test"),
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
        new("cargo", "diesel", "diesel", "Diesel", "orm"),
        new("cargo", "sea-orm", "sea-orm", "SeaORM", "orm"),
        new("cargo", "testcontainers", "testcontainers", "Testcontainers", "test"),
        // Maven / Gradle (artifactId)
        new("maven", "spring-boot-starter-web", "spring-boot", "Spring Boot", "http"),
        new("maven", "spring-boot-starter-webflux", "spring-boot", "Spring Boot", "http"),
        new("maven", "spring-boot-starter-webmvc", "spring-boot", "Spring Boot", "http"),
        new("maven", "spring-boot-starter-jersey", "spring-boot", "Spring Boot", "http"),
        new("maven", "spring-boot-testcontainers", "testcontainers", "Testcontainers", "test"),
        new("maven", "quarkus-resteasy", "quarkus", "Quarkus", "http"),
        new("maven", "quarkus-rest", "quarkus", "Quarkus", "http"),
        new("maven", "micronaut-http-server-netty", "micronaut", "Micronaut", "http"),
        new("maven", "javalin", "javalin", "Javalin", "http"),
        new("maven", "ktor-server-core", "ktor", "Ktor", "http"),
        new("maven", "picocli", "picocli", "picocli", "cli"),
        new("maven", "spring-kafka", "spring-kafka", "Spring for Apache Kafka", "worker"),
        new("maven", "spring-boot-starter-amqp", "spring-amqp", "Spring AMQP", "worker"),
        new("maven", "org.testcontainers:*", "testcontainers", "Testcontainers", "test"),
        new("maven", "com.microsoft.playwright:*", "playwright", "Playwright", "test"),
        new("maven", "spring-boot-starter-thymeleaf", "thymeleaf", "Thymeleaf", "template"),
        new("maven", "org.thymeleaf:*", "thymeleaf", "Thymeleaf", "template"),
        new("maven", "spring-boot-starter-data-jpa", "spring-data-jpa", "Spring Data JPA", "orm"),
        new("maven", "org.springframework.data:spring-data-jpa", "spring-data-jpa", "Spring Data JPA", "orm"),
        new("maven", "org.hibernate.orm:hibernate-core", "hibernate", "Hibernate ORM", "orm"),
        new("maven", "org.hibernate:hibernate-core", "hibernate", "Hibernate ORM", "orm"),
        new("maven", "org.flywaydb:*", "flyway", "Flyway", "migrations"),
        new("maven", "org.liquibase:*", "liquibase", "Liquibase", "migrations"),
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
        new("nuget", "Aspire.*", "aspire", ".NET Aspire", "orchestration"),
        new("nuget", "Microsoft.EntityFrameworkCore*", "efcore", "Entity Framework Core", "orm"),
        new("nuget", "Npgsql.EntityFrameworkCore.PostgreSQL", "efcore", "Entity Framework Core", "orm"),
        new("nuget", "Pomelo.EntityFrameworkCore.MySql", "efcore", "Entity Framework Core", "orm"),
        new("nuget", "Oracle.EntityFrameworkCore", "efcore", "Entity Framework Core", "orm"),
        new("nuget", "MongoDB.EntityFrameworkCore", "efcore", "Entity Framework Core", "orm"),
        new("nuget", "Microsoft.AspNetCore.Components.Web", "blazor", "Blazor", "frontend"),
        new("nuget", "Microsoft.AspNetCore.Components.WebAssembly.Server", "blazor", "Blazor", "frontend"),
        new("nuget", "Microsoft.Maui.Controls", "maui", ".NET MAUI", "mobile"),
        new("nuget", "Testcontainers*", "testcontainers", "Testcontainers", "test"),
        new("nuget", "Microsoft.Playwright*", "playwright", "Playwright", "test"),
        new("nuget", "xunit", "xunit", "xUnit.net", "test"),
        new("nuget", "xunit.v3", "xunit", "xUnit.net", "test"),
        new("nuget", "MSTest", "mstest", "MSTest", "test"),
        new("nuget", "MSTest.TestFramework", "mstest", "MSTest", "test"),
        new("nuget", "TUnit", "tunit", "TUnit", "test"),
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

    /// <summary>ASP.NET Core, as <c>Sdk="Microsoft.NET.Sdk.Web"</c> shows it.</summary>
    public static FrameworkDef AspNetCore { get; } = new("nuget", "Microsoft.NET.Sdk.Web", "aspnetcore", "ASP.NET Core", "http");

    /// <summary>Blazor, as <c>Sdk="Microsoft.NET.Sdk.BlazorWebAssembly"</c> or Razor components show it.</summary>
    public static FrameworkDef Blazor { get; } = new("nuget", "Microsoft.NET.Sdk.BlazorWebAssembly", "blazor", "Blazor", "frontend");

    /// <summary>.NET Aspire, as an AppHost or a service-defaults project shows it.</summary>
    public static FrameworkDef Aspire { get; } = new("nuget", "Aspire.AppHost.Sdk", "aspire", ".NET Aspire", "orchestration");

    /// <summary>.NET MAUI, as <c>&lt;UseMaui&gt;true</c> shows it.</summary>
    public static FrameworkDef Maui { get; } = new("nuget", "UseMaui", "maui", ".NET MAUI", "mobile");

    // Exact names; "x*" entries match by prefix (npm scopes, NuGet families, Maven groups as "group:*").
    private static readonly FrozenDictionary<string, FrameworkDef> Exact = All
        .Where(f => f.Ecosystem != "go" && !f.Dependency.EndsWith('*'))
        .ToFrozenDictionary(f => f.Ecosystem + "\n" + f.Dependency, StringComparer.OrdinalIgnoreCase);

    private static readonly FrameworkDef[] Prefixes = [.. All.Where(f => f.Dependency.EndsWith('*'))];

    private static readonly FrameworkDef[] GoModules = [.. All.Where(f => f.Ecosystem == "go")];

    /// <summary>The framework a dependency stands for, if any. Maven dependencies are <c>group:artifact</c> (or a bare artifact from a
    /// version catalog alias): a group entry (<c>org.testcontainers:*</c>) wins over an artifact of the same name in another group.</summary>
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
        if (Exact.GetValueOrDefault(ecosystem + "\n" + dependency) is { } exact)
        {
            return exact;
        }
        foreach (var f in Prefixes)
        {
            if (f.Ecosystem == ecosystem && dependency.StartsWith(f.Dependency.AsSpan(0, f.Dependency.Length - 1), StringComparison.OrdinalIgnoreCase))
            {
                return f;
            }
        }
        if (ecosystem == "maven" && dependency.IndexOf(':') is var colon and > 0)
        {
            return Exact.GetValueOrDefault("maven\n" + dependency[(colon + 1)..]);
        }
        return null;
    }
}
