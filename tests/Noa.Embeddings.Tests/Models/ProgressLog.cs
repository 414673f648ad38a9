using Noa.Embeddings.Models;

namespace Noa.Embeddings.Tests.Models;

/// <summary>Records progress reports as they happen (Progress&lt;T&gt; would post them later).</summary>
internal sealed class ProgressLog : IProgress<EmbeddingProgress>
{
    private readonly List<EmbeddingProgress> _reports = [];

    public IReadOnlyList<EmbeddingProgress> Reports
    {
        get { lock (_reports) return [.. _reports]; }
    }

    public void Report(EmbeddingProgress value)
    {
        lock (_reports) _reports.Add(value);
    }
}
