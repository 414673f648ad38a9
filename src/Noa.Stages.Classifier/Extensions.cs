using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Classifier;

/// <summary>Registers the Classifier stage.</summary>
public static class Extensions
{
    /// <summary>Adds <see cref="ClassifierStage"/> as an <see cref="IStage"/>, with options bound from <c>Noa:Classifier</c>.</summary>
    public static IServiceCollection AddClassifier(this IServiceCollection services, Action<ClassifierOptions>? configure = null)
    {
        var builder = services.AddOptions<ClassifierOptions>().BindConfiguration(ClassifierOptions.Section);
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClassifierOptions>, ClassifierOptionsValidator>());
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, ClassifierStage>());
        return services;
    }
}
