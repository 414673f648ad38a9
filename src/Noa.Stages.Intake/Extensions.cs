using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Intake;

/// <summary>Registration of the Intake stage.</summary>
public static class Extensions
{
    /// <summary>Registers <see cref="IntakeStage"/> as an <see cref="IStage"/> (once, however often called)
    /// and applies <paramref name="configure"/> to <see cref="IntakeOptions"/>, which are validated at startup
    /// (every wrong setting reported at once). The CLI binds the section <see cref="IntakeOptions.SectionName"/>.</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services, Action<IntakeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IntakeOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, IntakeStage>());
        return services;
    }
}
