using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// Backing stores from the graph's store facts. A driver-neutral <c>sql</c> store is told apart by the packages the app imports
/// (psycopg, pg, pgx → postgres; mysqlclient, mysql2 → mysql; sqlite → none needed) and then by the URLs in env defaults.
/// </summary>
internal static class StoreRules
{
    private static readonly (string Marker, string Kind)[] SqlDrivers =
    [
        ("psycopg", "postgres"), ("asyncpg", "postgres"), ("pg8000", "postgres"), ("npm:pg", "postgres"), ("npm:postgres", "postgres"),
        ("jackc/pgx", "postgres"), ("lib/pq", "postgres"), ("npgsql", "postgres"), ("postgresql", "postgres"),
        ("mysql", "mysql"), ("pymysql", "mysql"), ("mariadb", "mysql"),
        ("sqlite", "sqlite"),
    ];

    /// <summary>kind → (image, port); images are the upstream ones, started by compose (never built here).</summary>
    public static readonly IReadOnlyDictionary<string, (string Image, int Port, string? Health)> Services = new Dictionary<string, (string, int, string?)>(StringComparer.Ordinal)
    {
        ["postgres"] = ("postgres:16", 5432, "pg_isready -U postgres"),
        ["mysql"] = ("mysql:8.4", 3306, "mysqladmin ping -h 127.0.0.1 --silent"),
        ["redis"] = ("redis:7", 6379, "redis-cli ping"),
        ["mongodb"] = ("mongo:7", 27017, "mongosh --quiet --eval \"db.adminCommand('ping')\""),
        ["rabbitmq"] = ("rabbitmq:3", 5672, "rabbitmq-diagnostics -q ping"),
        ["kafka"] = ("apache/kafka:3.7.0", 9092, "/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092"),
        ["nats"] = ("nats:2", 4222, null),
        ["elasticsearch"] = ("elasticsearch:8.13.4", 9200, "curl -fsS http://localhost:9200/_cluster/health"),
        ["sqlserver"] = ("mcr.microsoft.com/mssql/server:2022-latest", 1433, null),
        ["s3"] = ("minio/minio:RELEASE.2024-05-10T01-41-38Z", 9000, "mc ready local"),
    };

    public static IReadOnlyList<BackingStore> Decide(AppFacts facts)
    {
        var stores = new SortedDictionary<string, BackingStore>(StringComparer.Ordinal);
        foreach (var (kind, uses) in facts.Stores)
        {
            var (resolved, confidence, evidence) = kind == "sql" ? ResolveSql(facts, uses) : (kind, 0.9, uses.Take(5).ToList());
            if (resolved is "sqlite" or "dbm")
                continue; // a file beside the app, no service to start
            if (kind == "aws")
                resolved = "s3";
            if (stores.ContainsKey(resolved))
                continue;
            stores[resolved] = Services.TryGetValue(resolved, out var s)
                ? new BackingStore(resolved, s.Image, s.Port, confidence, evidence)
                : new BackingStore(resolved, null, null, confidence, evidence);
        }
        return [.. stores.Values];
    }

    private static (string Kind, double Confidence, List<string> Evidence) ResolveSql(AppFacts facts, SortedSet<string> uses)
    {
        foreach (var (marker, kind) in SqlDrivers)
        {
            if (facts.Packages.FirstOrDefault(p => p.Contains(marker, StringComparison.OrdinalIgnoreCase)) is { } package)
                return (kind, 0.85, [.. uses.Take(4), $"graph:external:{package}"]);
        }
        foreach (var (name, (node, reads)) in facts.Env)
        {
            var def = GraphFacts.Prop(node, "default") ?? "";
            foreach (var (marker, kind) in SqlDrivers)
            {
                if (def.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
                    return (kind, 0.8, [.. uses.Take(4), .. reads.Take(1), $"graph:env:{name}"]);
            }
        }
        return ("sql", 0.4, [.. uses.Take(5)]);
    }
}
