using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Noa.Abstractions;
using Noa.Hosting;

namespace Noa.Deploy.Tests;

/// <summary>The static stage catalogue of Noa.Abstractions against the real module table and the stages it registers.</summary>
public sealed class StageCatalogueTests
{
    [Fact]
    public void Names_AreTheWorkersGroup()
    {
        Assert.Equal(NoaCode.Stages, StageCatalogue.Names);
    }

    [Fact]
    public void RegisteredStages_HaveTheCataloguesNamesAndDependencies()
    {
        var stages = Register("workers", bus: false).Where(d => d.ServiceType == typeof(IStage)).ToList();

        Assert.Equal(StageCatalogue.Stages.Count, stages.Count);
        using var provider = Build("workers", bus: false);
        foreach (var stage in provider.GetServices<IStage>())
        {
            var entry = StageCatalogue.Find(stage.Name);
            Assert.NotNull(entry);
            Assert.Equal(entry.Dependencies, stage.Dependencies);
        }
    }

    [Theory]
    [InlineData(false, 8)] // intake, classifier, graph, env, safety, embeddings, integrator, registrar
    [InlineData(true, 0)]
    public void Workflows_LoadsStagesOnlyWhenItRunsThem(bool bus, int stages)
    {
        Assert.Equal(stages, Register("workflows", bus).Count(d => d.ServiceType == typeof(IStage)));
    }

    private static IServiceCollection Register(string targets, bool bus)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Noa:Home"] = Path.Combine(Path.GetTempPath(), "noa-catalogue-test"),
            ["Noa:Workflows:Dispatch"] = bus ? "bus" : "inProcess",
        });
        builder.AddModules(NoaCode.Catalogue, targets);
        return builder.Services;
    }

    private static ServiceProvider Build(string targets, bool bus) => Register(targets, bus).BuildServiceProvider();
}
