namespace Noa.Embeddings.Models;

/// <summary>How far one <c>GenerateAsync</c> call has got.</summary>
/// <param name="Done">Inputs embedded so far.</param>
/// <param name="Total">Inputs in the call.</param>
/// <param name="Elapsed">Time since the call started.</param>
public sealed record EmbeddingProgress(int Done, int Total, TimeSpan Elapsed)
{
    /// <summary>Inputs per second so far.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : 0;
}
