using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// Backing stores from the graph's store facts. A driver-neutral <c>sql</c> store is told apart, in this order, by the packages
/// the app imports (psycopg, pg, pgx → postgres; mysqlclient, mysql2 → mysql; sqlite → none needed), by the drivers its
/// dependency manifests declare (an ORM loads the driver from a URL, so <c>psycopg2</c> is in requirements.txt and never
/// imported; Prisma's datasource provider), by the URLs in env defaults, and by the URL scheme literal in the files that read
/// the database variable (<c>'sqlite:///' + path</c>).
/// </summary>
internal static partial class StoreRules
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

    public static async Task<IReadOnlyList<BackingStore>> DecideAsync(string root, AppFacts facts, SourceText files, CancellationToken ct)
    {
        var stores = new SortedDictionary<string, BackingStore>(StringComparer.Ordinal);
        foreach (var (kind, uses) in facts.Stores)
        {
            var (resolved, confidence, evidence) = kind == "sql" ? await ResolveSqlAsync(root, facts, uses, files, ct).ConfigureAwait(false) : (kind, 0.9, uses.Take(5).ToList());
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

    private static async Task<(string Kind, double Confidence, List<string> Evidence)> ResolveSqlAsync(string root, AppFacts facts, SortedSet<string> uses,
        SourceText files, CancellationToken ct)
    {
        foreach (var (marker, kind) in SqlDrivers)
        {
            if (facts.Packages.FirstOrDefault(p => p.Contains(marker, StringComparison.OrdinalIgnoreCase)) is { } package)
                return (kind, 0.85, [.. uses.Take(4), $"graph:external:{package}"]);
        }
        if (await DeclaredDriverAsync(root, files, ct).ConfigureAwait(false) is { } declared)
            return (declared.Kind, 0.8, [.. uses.Take(4), declared.Where]);
        foreach (var (name, (node, reads)) in facts.Env)
        {
            var def = GraphFacts.Prop(node, "default") ?? "";
            foreach (var (marker, kind) in SqlDrivers)
            {
                if (def.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
                    return (kind, 0.8, [.. uses.Take(4), .. reads.Take(1), $"graph:env:{name}"]);
            }
        }
        foreach (var (name, (_, reads)) in facts.Env.Where(e => DatabaseVariable().IsMatch(e.Key)))
        {
            foreach (var file in reads.Select(r => r.LastIndexOf(':') is var c and > 0 && int.TryParse(r.AsSpan(c + 1), out _) ? r[..c] : r).Distinct())
            {
                if (await files.ReadAsync(file, ct).ConfigureAwait(false) is { } text && UrlScheme().Match(text) is { Success: true } m)
                    return (SchemeKind(m.Groups["s"].Value), 0.6, [.. uses.Take(4), $"{file}:{SourceText.LineOf(text, m.Index)}", $"graph:env:{name}"]);
            }
        }
        return ("sql", 0.4, [.. uses.Take(5)]);
    }

    /// <summary>The first SQL driver a dependency manifest of the app declares (not an indirect Go requirement).</summary>
    private static async Task<(string Kind, string Where)?> DeclaredDriverAsync(string root, SourceText files, CancellationToken ct)
    {
        var prefix = root == "." ? "" : root + "/";
        var manifests = files.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && !p.Contains("node_modules/", StringComparison.Ordinal)
                && p.Count(c => c == '/') - prefix.Count(c => c == '/') <= 2 && Manifest().IsMatch(p))
            .Order(StringComparer.Ordinal).Take(40);
        foreach (var path in manifests)
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text)
                continue;
            foreach (var line in text.Split('\n').Select((l, i) => (l, i)))
            {
                if (line.l.Contains("// indirect", StringComparison.Ordinal) || line.l.TrimStart().StartsWith('#'))
                    continue;
                if (DriverDeclaration().Match(line.l) is { Success: true } m)
                    return (m.Groups["postgres"].Success ? "postgres" : m.Groups["mysql"].Success ? "mysql" : "sqlite", $"{path}:{line.i + 1}");
            }
        }
        return null;
    }

    private static string SchemeKind(string scheme) => scheme.StartsWith("sqlite", StringComparison.Ordinal) ? "sqlite" : scheme.StartsWith("mysql", StringComparison.Ordinal) ? "mysql" : "postgres";

    // Dependency manifests and Prisma schemas, by file name.
    [GeneratedRegex(@"(^|/)(requirements[^/]*\.txt|requirements/[^/]+\.txt|Pipfile|pyproject\.toml|setup\.cfg|package\.json|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(\.kts)?|[^/]+\.csproj|[^/]+\.prisma)$")]
    private static partial Regex Manifest();

    // A driver as a manifest names it: a Python/npm/Go/Rust/Java/.NET package, a Prisma datasource provider, a sqlx feature.
    [GeneratedRegex(@"(?i)(?<postgres>\bpsycopg2?(-binary)?\b|\basyncpg\b|\bpg8000\b|""pg""\s*:|""postgres""\s*:|jackc/pgx|lib/pq\b|\bnpgsql\b|org\.postgresql|provider\s*=\s*""postgresql""|\bsqlx\b.*features\s*=\s*\[[^\]]*""postgres"")|(?<mysql>\bmysqlclient\b|\bpymysql\b|\baiomysql\b|""mysql2?""\s*:|go-sql-driver/mysql|mysql-connector|\bMySqlConnector\b|Pomelo\.EntityFrameworkCore\.MySql|provider\s*=\s*""mysql""|\bmariadb\b|\bsqlx\b.*features\s*=\s*\[[^\]]*""mysql"")|(?<sqlite>provider\s*=\s*""sqlite""|""(better-)?sqlite3""\s*:|mattn/go-sqlite3|EntityFrameworkCore\.Sqlite\b|org\.xerial|sqlite-jdbc|\bsqlx\b.*features\s*=\s*\[[^\]]*""sqlite"")")]
    private static partial Regex DriverDeclaration();

    [GeneratedRegex(@"(?i)(DATABASE|DB|SQL)[A-Z_]*(URL|URI|DSN)|^DATABASE_URL$")]
    private static partial Regex DatabaseVariable();

    [GeneratedRegex(@"[""'](?<s>postgres(ql)?(\+\w+)?://|mysql(\+\w+)?://|sqlite(\+\w+)?:)")]
    private static partial Regex UrlScheme();
}
