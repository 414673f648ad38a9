using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Embeddings;

/// <summary>Registers the Embeddings stage.</summary>
public static class Extensions
{
    /// <summary>
    /// Adds <see cref="EmbeddingsStage"/> as an <see cref="IStage"/> with options from <c>Noa:Embeddings</c>. It needs an
    /// <see cref="IVectorStore"/>, the models (<c>EmbeddingOptions</c>, <c>EmbeddingModelCache</c>) and an <see cref="IAuditLog"/>.
    /// </summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, Action<EmbeddingsStageOptions>? configure = null)
    {
        var builder = services.AddOptions<EmbeddingsStageOptions>().BindConfiguration(EmbeddingsStageOptions.Section);
        if (configure is not null)
            builder.Configure(configure);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingsStageOptions>, Validator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, EmbeddingsStage>());
        return services;
    }

    private sealed class Validator : IValidateOptions<EmbeddingsStageOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmbeddingsStageOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
