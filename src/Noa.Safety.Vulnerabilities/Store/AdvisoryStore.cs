using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Noa.Safety.Vulnerabilities.Osv;

namespace Noa.Safety.Vulnerabilities.Store;

/// <summary>An offline copy of OSV advisories in one SQLite file, indexed by (ecosystem, normalised
/// package name). <see cref="Revision"/> is a hash of every stored record, so a result computed
/// against one revision can be cached and is stale once anything new is imported.</summary>
public sealed partial class AdvisoryStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    private AdvisoryStore(SqliteConnection db)
    {
        _db = db;
        Revision = Scalar("SELECT value FROM meta WHERE key = 'revision'") ?? EmptyRevision;
    }

    /// <summary>The revision of an empty store.</summary>
    public const string EmptyRevision = "empty";

    /// <summary>A hash of what the store holds (sha256 over the sorted ids and record hashes).</summary>
    public string Revision { get; private set; }

    /// <summary>Opens (creating when missing) the store at <paramref name="path"/>.</summary>
    public static AdvisoryStore Open(string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS advisories (id TEXT PRIMARY KEY, modified TEXT NOT NULL, sha256 TEXT NOT NULL, json TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS affected (ecosystem TEXT NOT NULL, name TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (ecosystem, name, id));
                CREATE INDEX IF NOT EXISTS affected_by_id ON affected (id);
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS match_cache (ecosystem TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
                    revision TEXT NOT NULL, result TEXT NOT NULL, PRIMARY KEY (ecosystem, name, version, revision));
                """;
            cmd.ExecuteNonQuery();
        }
        return new AdvisoryStore(db);
    }

    /// <summary>Number of advisories held.</summary>
    public long Count => long.Parse(Scalar("SELECT count(*) FROM advisories") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ecosystems (OSV's names) the store holds advisories for: a package of any other ecosystem was not
    /// checked by it.</summary>
    public IReadOnlySet<string> HeldEcosystems
    {
        get
        {
            lock (_gate)
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "SELECT DISTINCT ecosystem FROM affected";
                using var reader = cmd.ExecuteReader();
                var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                while (reader.Read()) result.Add(reader.GetString(0));
                return result;
            }
        }
    }

    internal IReadOnlyList<OsvVulnerability> Lookup(string ecosystem, string name)
    {
        var canonical = Ecosystems.Canonical(ecosystem);
        if (canonical is null) return [];
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT a.json FROM affected f JOIN advisories a ON a.id = f.id WHERE f.ecosystem = $e AND f.name = $n ORDER BY a.id";
            cmd.Parameters.AddWithValue("$e", canonical);
            cmd.Parameters.AddWithValue("$n", Ecosystems.NormaliseName(canonical, name));
            using var reader = cmd.ExecuteReader();
            var result = new List<OsvVulnerability>();
            while (reader.Read()) result.Add(OsvJson.Parse(reader.GetString(0)));
            return result;
        }
    }

    internal MatchResult? CachedResult(PackageRef package)
    {
        lock (_gate)
        {
            using var cmd = CacheCommand("SELECT result FROM match_cache WHERE ecosystem = $e AND name = $n AND version = $v AND revision = $r", package);
            return cmd.ExecuteScalar() is string json ? JsonSerializer.Deserialize<MatchResult>(json) : null;
        }
    }

    internal void CacheResult(PackageRef package, MatchResult result)
    {
        lock (_gate)
        {
            using var cmd = CacheCommand("INSERT OR REPLACE INTO match_cache VALUES ($e, $n, $v, $r, $json)", package);
            cmd.Parameters.AddWithValue("$json", JsonSerializer.Serialize(result));
            cmd.ExecuteNonQuery();
        }
    }

    private SqliteCommand CacheCommand(string sql, PackageRef package)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$e", Ecosystems.Canonical(package.Ecosystem) ?? package.Ecosystem);
        cmd.Parameters.AddWithValue("$n", Ecosystems.NormaliseName(package.Ecosystem, package.Name));
        cmd.Parameters.AddWithValue("$v", package.Version);
        cmd.Parameters.AddWithValue("$r", Revision);
        return cmd;
    }

    private string? Scalar(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar()?.ToString();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public void Dispose() => _db.Dispose();
}
