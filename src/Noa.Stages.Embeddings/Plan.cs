using Noa.Abstractions;
using Noa.Embeddings.Models;

namespace Noa.Stages.Embeddings;

/// <summary>
/// What one model's collection needs for one source: which chunks are stored already (same id, content and model),
/// which can take a stored vector of the same content (a chunk that moved), which must be embedded, which stored
/// records are stale.
/// </summary>
internal sealed class Plan(ModelSelection selection, string collection)
{
    public ModelSelection Selection { get; } = selection;

    public string Collection { get; } = collection;

    public int? Dimensions { get; set; }

    public int Unchanged { get; private set; }

    /// <summary>New records whose vector is stored under another id: (new record without vector, stored id).</summary>
    public List<(VectorRecord Record, string From)> Reused { get; } = [];

    /// <summary>New records to embed; their vectors are empty until then.</summary>
    public List<VectorRecord> ToEmbed { get; } = [];

    /// <summary>Stored ids of this source that no chunk of this run has.</summary>
    public List<string> Stale { get; } = [];

    public async Task PrepareAsync(IVectorStore store, string sourceKey, string tenant, string runId, IEnumerable<KindedChunk> chunks, CancellationToken cancellationToken)
    {
        // The tenant's records of the source only: another tenant's digest of the same source is neither reused nor removed.
        var mine = new VectorFilter { Source = sourceKey, Tenant = tenant };
        var stored = (await store.ListHashesAsync(Collection, mine, cancellationToken).ConfigureAwait(false))
            .Where(s => s.Model == Selection.ModelId).ToList();
        var storedIds = stored.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var byHash = stored.GroupBy(s => s.ContentHash, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (chunk, _, scope) in chunks.OrderBy(c => c.Chunk.Path, StringComparer.Ordinal).ThenBy(c => c.Chunk.StartLine))
        {
            var id = EmbeddingsStage.RecordId(tenant, sourceKey, chunk.Id);
            if (!current.Add(id))
                continue;
            // A chunk whose file changed scope (or was stored before scopes existed) keeps its vector but gets its record rewritten.
            if (storedIds.TryGetValue(id, out var same) && same.ContentHash == chunk.ContentHash && same.Scope == scope)
            {
                Unchanged++;
                continue;
            }
            var record = new VectorRecord(id, ReadOnlyMemory<float>.Empty, chunk.Text, new ChunkMetadata
            {
                Source = sourceKey, Run = runId, Language = chunk.Language, Path = chunk.Path, Kind = chunk.Kind, Symbol = chunk.Symbol,
                StartLine = chunk.StartLine, EndLine = chunk.EndLine, ContentHash = chunk.ContentHash, Model = Selection.ModelId,
                Tenant = tenant, Scope = scope,
            });
            if (byHash.TryGetValue(chunk.ContentHash, out var from))
                Reused.Add((record, from));
            else
                ToEmbed.Add(record);
        }
        // Records of another model in this collection cannot be compared with this model's: stale too.
        var all = await store.ListHashesAsync(Collection, mine, cancellationToken).ConfigureAwait(false);
        Stale.AddRange(all.Select(s => s.Id).Where(id => !current.Contains(id)));
    }

    /// <summary>Stores the moved chunks with the vectors of their stored twins.</summary>
    public async Task ReuseAsync(IVectorStore store, CancellationToken cancellationToken)
    {
        foreach (var step in Reused.Chunk(500))
        {
            var vectors = (await store.GetAsync(Collection, [.. step.Select(s => s.From).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false))
                .ToDictionary(r => r.Id, r => r.Vector, StringComparer.Ordinal);
            Dimensions ??= vectors.Values.FirstOrDefault().Length is > 0 and var d ? d : null;
            // A twin removed since it was listed (another run of this source) leaves its chunk to be embedded.
            ToEmbed.AddRange(step.Where(s => !vectors.ContainsKey(s.From)).Select(s => s.Record));
            await store.UpsertAsync(Collection, [.. step.Where(s => vectors.ContainsKey(s.From)).Select(s => s.Record with { Vector = vectors[s.From] })],
                cancellationToken).ConfigureAwait(false);
        }
        Reused.RemoveAll(r => ToEmbed.Contains(r.Record));
    }
}
