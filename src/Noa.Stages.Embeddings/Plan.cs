using System.Globalization;
using Noa.Abstractions;
using Noa.Embeddings.Models;

namespace Noa.Stages.Embeddings;

/// <summary>What a chunk needs in one model's collection.</summary>
internal enum ChunkFate { Duplicate, Unchanged, Reuse, Embed }

/// <summary>
/// What one model's collection needs for one source, decided chunk by chunk as they are read: which chunks are stored
/// already (same id, content, model and scope), which can take a stored vector of the same content (a chunk that moved),
/// which must be embedded, and at the end which stored records are stale. It keeps what was stored (ids and hashes) and a
/// 128-bit key per chunk seen, never the chunks' text.
/// </summary>
internal sealed class Plan(ModelSelection selection, string collection)
{
    private const int ReuseStep = 500;

    private VectorFilter mine = new();
    private Dictionary<string, StoredChunk> storedIds = [];
    private Dictionary<string, string> byHash = [];
    private readonly HashSet<UInt128> seen = [];
    private readonly List<(VectorRecord Record, string From)> reused = [];

    public ModelSelection Selection { get; } = selection;

    public string Collection { get; } = collection;

    public int? Dimensions { get; set; }

    public int Unchanged { get; private set; }

    /// <summary>Chunks stored with the vector of a stored twin.</summary>
    public int Reused { get; private set; }

    /// <summary>Chunks that need embedding (whether or not a budget lets them be).</summary>
    public int ToEmbed { get; private set; }

    /// <summary>Lists what the collection holds of the source for this tenant.</summary>
    public async Task LoadAsync(IVectorStore store, string sourceKey, string tenant, CancellationToken cancellationToken)
    {
        // The tenant's records of the source only: another tenant's digest of the same source is neither reused nor removed.
        mine = new VectorFilter { Source = sourceKey, Tenant = tenant };
        var stored = (await store.ListHashesAsync(Collection, mine, cancellationToken).ConfigureAwait(false))
            .Where(s => s.Model == Selection.ModelId).ToList();
        storedIds = stored.ToDictionary(s => s.Id, StringComparer.Ordinal);
        byHash = stored.GroupBy(s => s.ContentHash, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
    }

    /// <summary>Decides a chunk's fate; <paramref name="record"/> is the record to store (without its vector) unless unchanged.</summary>
    public ChunkFate Classify(KindedChunk kinded, string sourceKey, string tenant, string runId, out VectorRecord? record)
    {
        var (chunk, _, scope) = kinded;
        record = null;
        var id = EmbeddingsStage.RecordId(tenant, sourceKey, chunk.Id);
        if (!seen.Add(Key(id)))
            return ChunkFate.Duplicate;
        // A chunk whose file changed scope (or was stored before scopes existed) keeps its vector but gets its record rewritten.
        if (storedIds.TryGetValue(id, out var same) && same.ContentHash == chunk.ContentHash && same.Scope == scope)
        {
            Unchanged++;
            return ChunkFate.Unchanged;
        }
        record = new VectorRecord(id, ReadOnlyMemory<float>.Empty, chunk.Text, new ChunkMetadata
        {
            Source = sourceKey, Run = runId, Language = chunk.Language, Path = chunk.Path, Kind = chunk.Kind, Symbol = chunk.Symbol,
            StartLine = chunk.StartLine, EndLine = chunk.EndLine, ContentHash = chunk.ContentHash, Model = Selection.ModelId,
            Tenant = tenant, Scope = scope,
        });
        if (byHash.TryGetValue(chunk.ContentHash, out var from))
        {
            reused.Add((record, from));
            return ChunkFate.Reuse;
        }
        ToEmbed++;
        return ChunkFate.Embed;
    }

    /// <summary>Whether enough moved chunks are waiting to be stored with their twins' vectors.</summary>
    public bool ReuseDue => reused.Count >= ReuseStep;

    /// <summary>
    /// Stores the waiting moved chunks with the vectors of their stored twins; a twin removed since it was listed (another
    /// run of this source) leaves its chunk to be embedded, which is returned.
    /// </summary>
    public async Task<List<VectorRecord>> ReuseAsync(IVectorStore store, CancellationToken cancellationToken)
    {
        var orphans = new List<VectorRecord>();
        foreach (var step in reused.Chunk(ReuseStep))
        {
            var vectors = (await store.GetAsync(Collection, [.. step.Select(s => s.From).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false))
                .ToDictionary(r => r.Id, r => r.Vector, StringComparer.Ordinal);
            Dimensions ??= vectors.Values.FirstOrDefault().Length is > 0 and var d ? d : null;
            orphans.AddRange(step.Where(s => !vectors.ContainsKey(s.From)).Select(s => s.Record));
            var found = step.Where(s => vectors.ContainsKey(s.From)).Select(s => s.Record with { Vector = vectors[s.From] }).ToList();
            await store.UpsertAsync(Collection, found, cancellationToken).ConfigureAwait(false);
            Reused += found.Count;
        }
        reused.Clear();
        ToEmbed += orphans.Count;
        return orphans;
    }

    /// <summary>Stored ids of the source (of any model: another model's vectors cannot be compared) that no chunk of this run has.</summary>
    public async Task<List<string>> StaleAsync(IVectorStore store, CancellationToken cancellationToken) =>
        [.. (await store.ListHashesAsync(Collection, mine, cancellationToken).ConfigureAwait(false)).Select(s => s.Id).Where(id => !seen.Contains(Key(id)))];

    // Record ids are sha256 hex: their first 128 bits tell them apart at a seventh of a string's memory.
    private static UInt128 Key(string id) => UInt128.Parse(id.AsSpan(0, 32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
