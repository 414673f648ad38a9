using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Cli.Console;
using Noa.Embeddings.Search;

namespace Noa.Cli.Search;

/// <summary>A search answered by the stores and models of a host (the CLI's own, or the resident search process's).</summary>
internal static class LocalSearch
{
    /// <summary>Targets a search needs: the vector store and models, the run store (pending notes) and artifacts.</summary>
    public const string Targets = "vectors,metadata,artifacts";

    public static async Task<SearchAnswer> AnswerAsync(IServiceProvider services, SearchQuery query, CancellationToken cancellationToken)
    {
        var results = await services.GetRequiredService<ChunkSearch>().SearchAsync(query, cancellationToken);
        var pending = await PendingEmbeddings.NotesAsync(services.GetRequiredService<IRunStore>(), services.GetRequiredService<IArtifactStore>(),
            query.Filter?.Source, cancellationToken);
        return new SearchAnswer(results, pending);
    }
}
