using System.Numerics.Tensors;
using Noa.Abstractions;

namespace Noa.Vectors.Embedded;

/// <summary>
/// One collection in memory: every vector, L2-normalised, in one contiguous array (row i at i×dimensions),
/// so exact cosine search is one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per row.
/// Removal moves the last row into the hole, keeping the array dense. Not thread-safe.
/// </summary>
internal sealed class CollectionIndex(int dimensions)
{
    private float[] _vectors = new float[dimensions * 16];
    private readonly List<string> _ids = [];
    private readonly List<ChunkMetadata> _metadata = [];
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);

    public int Dimensions { get; } = dimensions;

    public int Count => _ids.Count;

    public IReadOnlyList<string> Ids => _ids;

    public ReadOnlySpan<float> Vectors => _vectors.AsSpan(0, Count * Dimensions);

    public ChunkMetadata? Metadata(string id) => _rows.TryGetValue(id, out var row) ? _metadata[row] : null;

    /// <summary>A copy of the row's (normalised) vector; the id must be present.</summary>
    public float[] Vector(string id) => _vectors.AsSpan(_rows[id] * Dimensions, Dimensions).ToArray();

    public void Put(string id, ReadOnlySpan<float> vector, ChunkMetadata metadata)
    {
        if (!_rows.TryGetValue(id, out var row))
        {
            row = Count;
            if ((row + 1) * Dimensions > _vectors.Length)
                Array.Resize(ref _vectors, Math.Max(_vectors.Length * 2, (row + 1) * Dimensions));
            _ids.Add(id);
            _metadata.Add(metadata);
            _rows[id] = row;
        }
        _metadata[row] = metadata;
        Normalise(vector, _vectors.AsSpan(row * Dimensions, Dimensions));
    }

    public bool Remove(string id)
    {
        if (!_rows.Remove(id, out var row))
            return false;
        var last = Count - 1;
        if (row != last)
        {
            _vectors.AsSpan(last * Dimensions, Dimensions).CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
            _ids[row] = _ids[last];
            _metadata[row] = _metadata[last];
            _rows[_ids[row]] = row;
        }
        _ids.RemoveAt(last);
        _metadata.RemoveAt(last);
        return true;
    }

    /// <summary>The ids passing the filter.</summary>
    public IEnumerable<string> Matching(VectorFilter? filter) =>
        filter is null || filter.IsEmpty ? _ids.ToList() : _ids.Where((_, row) => filter.Matches(_metadata[row])).ToList();

    /// <summary>The best k rows by cosine, best first (ties by id, so results are stable).</summary>
    public List<(string Id, float Score)> Search(ReadOnlySpan<float> query, int k, VectorFilter? filter)
    {
        Span<float> q = new float[Dimensions];
        Normalise(query, q);
        var all = filter is null || filter.IsEmpty;
        var best = new PriorityQueue<int, float>(k + 1);
        for (var row = 0; row < Count && k > 0; row++)
        {
            if (!all && !filter!.Matches(_metadata[row]))
                continue;
            var score = TensorPrimitives.Dot(_vectors.AsSpan(row * Dimensions, Dimensions), q);
            if (best.Count < k)
                best.Enqueue(row, score);
            else if (best.TryPeek(out _, out var worst) && score > worst)
                best.EnqueueDequeue(row, score);
        }
        var hits = new List<(string Id, float Score)>(best.Count);
        while (best.TryDequeue(out var row, out var score))
            hits.Add((_ids[row], score));
        hits.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Id, b.Id));
        return hits;
    }

    private static void Normalise(ReadOnlySpan<float> source, Span<float> target)
    {
        var norm = TensorPrimitives.Norm(source);
        if (norm > 0)
            TensorPrimitives.Divide(source, norm, target);
        else
            target.Clear();
    }
}
