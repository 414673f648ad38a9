using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Intake.Tests;

public sealed class ExtensionsTests
{
    [Fact]
    public void AddIntake_CalledTwice_RegistersOneStageWithConfiguredOptions()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));

        services.AddIntake(o => o.MaxEntries = 7);
        services.AddIntake();
        using var provider = services.BuildServiceProvider();

        var stage = Assert.Single(provider.GetServices<IStage>());
        Assert.Equal("intake", stage.Name);
        Assert.Empty(stage.Dependencies);
        Assert.Equal(7, provider.GetRequiredService<IOptions<IntakeOptions>>().Value.MaxEntries);
    }

    [Fact]
    public void IntakeOptions_Defaults_AreTheDocumentedLimits()
    {
        var options = new IntakeOptions();

        Assert.Equal("Noa:Intake", IntakeOptions.SectionName);
        Assert.False(options.AllowPrivateNetworks);
        Assert.Null(options.AllowedFileRoots);
        Assert.Equal(100_000, options.MaxEntries);
        Assert.Equal(2L << 30, options.MaxTotalBytes);
        Assert.Equal(512L << 20, options.MaxFileBytes);
        Assert.Equal(200, options.MaxCompressionRatio);
        Assert.Equal(1_000_000, options.MaxYamlNodes);
    }

    [Fact]
    public void AddIntake_InvalidOptions_ReportsEveryErrorWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddIntake(o =>
        {
            o.MaxEntries = 0;
            o.MaxCompressionRatio = 0.5;
            o.GitTimeout = TimeSpan.Zero;
            o.AllowedFileRoots = ["relative/path"];
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IntakeOptions>>().Value);

        Assert.Equal(4, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("Noa:Intake:MaxEntries", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'relative/path'", StringComparison.Ordinal));
    }
}
