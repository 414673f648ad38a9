using System.Data.Common;
using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Storage.Sql;

/// <summary>The catalogue of published runs (migration 7): a row per run and its facets, replaced together in one transaction.</summary>
public abstract partial class SqlMetadataStore : ICatalog
{
    private const string CatalogColumns = """
        SELECT c.run_id, c.tenant, c.source, c.source_name, c.tree_hash, c.commit_id, c.reference, c.digest, c.store, c.languages,
               c.frameworks, c.service_types, c.licenses, c.verdict, c.deliverable_key, c.deliverable_version, c.deliverable_sha256,
               c.deliverable_size, c.created_at
        FROM catalog c
        """;

    /// <summary>Facet kinds of <c>catalog_facets</c>.</summary>
    internal const string LanguageFacet = "language", FrameworkFacet = "framework", LicenseFacet = "license";

    /// <inheritdoc />
    public async Task RecordAsync(CatalogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RunAsync(connection, transaction, "DELETE FROM catalog_facets WHERE run_id = @run;", p => p.Text("run", entry.RunId), cancellationToken);
        await RunAsync(connection, transaction, """
            INSERT INTO catalog (run_id, tenant, source, source_name, tree_hash, commit_id, reference, digest, store, languages, frameworks,
                service_types, licenses, verdict, deliverable_key, deliverable_version, deliverable_sha256, deliverable_size, created_at)
            VALUES (@run, @tenant, @source, @name, @tree, @commit, @reference, @digest, @store, @languages, @frameworks,
                @services, @licenses, @verdict, @dkey, @dversion, @dsha, @dsize, @created)
            ON CONFLICT (run_id) DO UPDATE SET source = excluded.source, source_name = excluded.source_name,
                tree_hash = excluded.tree_hash, commit_id = excluded.commit_id, reference = excluded.reference, digest = excluded.digest,
                store = excluded.store, languages = excluded.languages, frameworks = excluded.frameworks,
                service_types = excluded.service_types, licenses = excluded.licenses, verdict = excluded.verdict,
                deliverable_key = excluded.deliverable_key, deliverable_version = excluded.deliverable_version,
                deliverable_sha256 = excluded.deliverable_sha256, deliverable_size = excluded.deliverable_size,
                created_at = excluded.created_at;
            """, p =>
            {
                // The tenant is written on insert only, as for runs: a row never moves to another tenant.
                p.Text("run", entry.RunId).Text("tenant", entry.Tenant).Text("source", entry.Source).Text("name", entry.SourceName)
                    .Text("tree", entry.TreeHash).Text("commit", entry.Commit).Text("reference", entry.Reference).Text("digest", entry.Digest)
                    .Text("store", entry.Store).Text("languages", List(entry.Languages)).Text("frameworks", List(entry.Frameworks))
                    .Text("services", List(entry.ServiceTypes)).Text("licenses", List(entry.Licenses)).Text("verdict", entry.Verdict)
                    .Text("dkey", entry.Deliverable?.Key).Text("dversion", entry.Deliverable?.VersionId).Text("dsha", entry.Deliverable?.Sha256)
                    .Time("created", entry.CreatedAt);
                p.Int64OrNull("dsize", entry.Deliverable?.Size);
            }, cancellationToken);
        var facets = Facets(entry).ToArray();
        // One multi-row INSERT: a row with dozens of languages is one round trip, not dozens.
        for (var start = 0; start < facets.Length; start += 100)
        {
            var chunk = facets.AsMemory(start, Math.Min(100, facets.Length - start));
            var values = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"(@k{i}, @v{i}, @run)"));
            await RunAsync(connection, transaction, $"INSERT INTO catalog_facets (kind, value, run_id) VALUES {values};", p =>
            {
                p.Text("run", entry.RunId);
                for (var i = 0; i < chunk.Length; i++)
                    p.Text($"k{i}", chunk.Span[i].Kind).Text($"v{i}", chunk.Span[i].Value);
            }, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CatalogEntry?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"{CatalogColumns} WHERE c.run_id = @run;", p => p.Text("run", runId), CatalogRow, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, CatalogEntry>> GetManyAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var chunk in runIds.Distinct(StringComparer.Ordinal).Chunk(200))
        {
            var names = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => "@r" + i));
            var rows = await QueryAsync($"{CatalogColumns} WHERE c.run_id IN ({names});", p =>
            {
                for (var i = 0; i < chunk.Length; i++)
                    p.Text("r" + i, chunk[i]);
            }, CatalogRow, cancellationToken);
            foreach (var row in rows)
                found[row.RunId] = row;
        }
        return found;
    }

    // Only the filters given are in the statement: an "@x IS NULL OR …" term hides its index from SQLite's planner (a source
    // lookup scanned every row). Values are always parameters; only the fixed terms below are joined. One row more than the
    // limit says whether there is a next page.
    /// <inheritdoc />
    public async Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Max(0, query.Limit);
        var terms = new List<string>();
        if (query.Tenant is not null)
            terms.Add("c.tenant = @tenant");
        if (query.Verdict is not null)
            terms.Add("c.verdict = @verdict");
        if (query.Source is not null)
            terms.Add("(c.source = @source OR c.source_name = @source)");
        foreach (var (kind, value) in new[] { (LanguageFacet, query.Language), (FrameworkFacet, query.Framework), (LicenseFacet, query.License) })
        {
            if (value is not null)
                terms.Add($"EXISTS (SELECT 1 FROM catalog_facets f WHERE f.kind = '{kind}' AND f.value = @{kind} AND f.run_id = c.run_id)");
        }
        if (query.After is not null)
            terms.Add("(c.created_at < @afterAt OR (c.created_at = @afterAt AND c.run_id{ordinal} < @afterRun))");
        var where = terms.Count == 0 ? "" : " WHERE " + string.Join(" AND ", terms);
        var rows = await QueryAsync($"{CatalogColumns}{where} ORDER BY c.created_at DESC, c.run_id{{ordinal}} DESC LIMIT @limit;", p =>
        {
            if (query.Tenant is not null)
                p.Text("tenant", query.Tenant);
            if (query.Verdict is not null)
                p.Text("verdict", query.Verdict.ToLowerInvariant());
            if (query.Source is not null)
                p.Text("source", query.Source);
            if (query.Language is not null)
                p.Text(LanguageFacet, query.Language.ToLowerInvariant());
            if (query.Framework is not null)
                p.Text(FrameworkFacet, query.Framework.ToLowerInvariant());
            if (query.License is not null)
                p.Text(LicenseFacet, query.License.ToLowerInvariant());
            if (query.After is not null)
                p.Time("afterAt", query.After.CreatedAt).Text("afterRun", query.After.RunId);
            p.Int32("limit", limit + 1);
        }, CatalogRow, cancellationToken);
        return rows.Count > limit
            ? new CatalogPage([.. rows.Take(limit)], limit == 0 ? null : CatalogCursor.Of(rows[limit - 1]))
            : new CatalogPage(rows, null);
    }

    private static IEnumerable<(string Kind, string Value)> Facets(CatalogEntry entry) =>
        entry.Languages.Select(v => (LanguageFacet, v)).Concat(entry.Frameworks.Select(v => (FrameworkFacet, v)))
            .Concat(entry.Licenses.Select(v => (LicenseFacet, v)))
            .Select(f => (f.Item1, f.v.ToLowerInvariant())).Distinct();

    private static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, SqlText.Json);

    private static IReadOnlyList<string> ReadList(DbDataReader r, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(r.GetString(ordinal), SqlText.Json) ?? [];

    private static CatalogEntry CatalogRow(DbDataReader r) => new()
    {
        RunId = r.GetString(0),
        Tenant = r.GetString(1),
        Source = r.GetString(2),
        SourceName = r.GetString(3),
        TreeHash = r.GetString(4),
        Commit = r.IsDBNull(5) ? null : r.GetString(5),
        Reference = r.GetString(6),
        Digest = r.GetString(7),
        Store = r.GetString(8),
        Languages = ReadList(r, 9),
        Frameworks = ReadList(r, 10),
        ServiceTypes = ReadList(r, 11),
        Licenses = ReadList(r, 12),
        Verdict = r.IsDBNull(13) ? null : r.GetString(13),
        Deliverable = r.IsDBNull(14) ? null : new CatalogDeliverable(r.GetString(14), r.IsDBNull(15) ? null : r.GetString(15), r.GetString(16),
            Convert.ToInt64(r.GetValue(17), System.Globalization.CultureInfo.InvariantCulture)),
        CreatedAt = SqlText.ParseTime(r.GetString(18)),
    };

    private async Task RunAsync(DbConnection connection, DbTransaction transaction, string sql, Action<SqlParameters> bind, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, bind);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
