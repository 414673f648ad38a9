using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Noa.Safety.Vulnerabilities.Osv;

namespace Noa.Safety.Vulnerabilities.Store;

/// <summary>What an import did: records stored (new or newer), records kept because the stored copy
/// was as new, and files or entries that were not OSV records (with the reason).</summary>
public sealed record ImportReport(int Stored, int Unchanged, IReadOnlyList<string> Rejected, string Revision);

public sealed partial class AdvisoryStore
{
    /// <summary>Imports OSV JSON from a .json file (one record or an array), a .zip export (OSV's
    /// per-ecosystem all.zip) or a folder of either, recursively. A record replaces a stored one with
    /// the same id unless the stored one was modified later.</summary>
    public async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        var (stored, unchanged) = (0, 0);
        var rejected = new List<string>();
        foreach (var (name, bytes) in Read(path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<OsvVulnerability> records;
            List<string> raw;
            var data = await bytes().ConfigureAwait(false);
            try
            {
                records = OsvJson.ParseMany(data);
                raw = Raw(data);
            }
            catch (JsonException e)
            {
                rejected.Add($"{name}: {e.Message}");
                continue;
            }
            lock (_gate)
            {
                using var tx = _db.BeginTransaction();
                for (var i = 0; i < records.Count; i++)
                {
                    if (Upsert(records[i], raw[i], tx)) stored++;
                    else unchanged++;
                }
                tx.Commit();
            }
        }
        lock (_gate) Revision = ComputeRevision();
        return new ImportReport(stored, unchanged, rejected, Revision);
    }

    private bool Upsert(OsvVulnerability v, string json, SqliteTransaction tx)
    {
        var hash = Sha256(json);
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO advisories (id, modified, sha256, json) VALUES ($id, $m, $h, $j)
            ON CONFLICT (id) DO UPDATE SET modified = excluded.modified, sha256 = excluded.sha256, json = excluded.json
            WHERE excluded.modified > advisories.modified OR (excluded.modified = advisories.modified AND excluded.sha256 <> advisories.sha256)
            """;
        cmd.Parameters.AddWithValue("$id", v.Id);
        cmd.Parameters.AddWithValue("$m", v.Modified ?? "");
        cmd.Parameters.AddWithValue("$h", hash);
        cmd.Parameters.AddWithValue("$j", json);
        if (cmd.ExecuteNonQuery() == 0) return false;
        cmd.Parameters.Clear();
        cmd.CommandText = "DELETE FROM affected WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", v.Id);
        cmd.ExecuteNonQuery();
        cmd.CommandText = "INSERT OR IGNORE INTO affected VALUES ($e, $n, $id)";
        var (e, n) = (cmd.Parameters.Add("$e", SqliteType.Text), cmd.Parameters.Add("$n", SqliteType.Text));
        foreach (var p in (v.Affected ?? []).Select(a => a.Package).OfType<OsvPackage>())
        {
            e.Value = Ecosystems.Canonical(p.Ecosystem) ?? p.Ecosystem;
            n.Value = Ecosystems.NormaliseName(p.Ecosystem, p.Name);
            cmd.ExecuteNonQuery();
        }
        return true;
    }

    private string ComputeRevision()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var any = false;
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT id, sha256 FROM advisories ORDER BY id";
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"{reader.GetString(0)}\t{reader.GetString(1)}\n"));
                any = true;
            }
        }
        var revision = any ? Convert.ToHexStringLower(hash.GetHashAndReset()) : EmptyRevision;
        cmd.CommandText = "INSERT OR REPLACE INTO meta VALUES ('revision', $r)";
        cmd.Parameters.AddWithValue("$r", revision);
        cmd.ExecuteNonQuery();
        return revision;
    }

    // Each record's own JSON text, so that what is stored (and hashed) is what was imported.
    private static List<string> Raw(byte[] data)
    {
        using var doc = JsonDocument.Parse(data);
        return doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList()
            : [doc.RootElement.GetRawText()];
    }

    private static IEnumerable<(string Name, Func<Task<byte[]>> Bytes)> Read(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                foreach (var item in ReadFile(file)) yield return item;
            }
        }
        else if (File.Exists(path))
        {
            foreach (var item in ReadFile(path)) yield return item;
        }
        else
        {
            throw new FileNotFoundException("no OSV file, folder or zip at this path", path);
        }
    }

    private static IEnumerable<(string, Func<Task<byte[]>>)> ReadFile(string file)
    {
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            yield return (file, () => File.ReadAllBytesAsync(file));
        }
        else if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(file);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                yield return ($"{file}!{entry.FullName}", () => Task.FromResult(bytes));
            }
        }
    }
}
